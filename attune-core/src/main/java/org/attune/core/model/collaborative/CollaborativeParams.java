package org.attune.core.model.collaborative;

import java.util.List;
import org.attune.core.model.ModelParams;
import org.attune.core.model.ParamSpec;
import org.attune.core.model.ParamsReader;

/**
 * The params of the {@code collaborative} kind, and the one place where the defaults of EASE
 * and ALS are declared: the server trains with them, and so does {@code attune evaluate} for
 * its {@code ease}, {@code als} and {@code collaborative} entries.
 *
 * @param method {@code auto} (the blend up to {@code maxEaseItems} products, ALS beyond;
 *     default), {@code blend} (EASE and ALS scores mixed, {@link BlendModel}), {@code ease} or
 *     {@code als}
 * @param easeLambda EASE's L2 regularisation (0.001 to 1e9; default 500)
 * @param maxEaseItems the most products EASE (alone or in the blend) is used for (1 to 60,000;
 *     default 30,000)
 * @param factors ALS latent factors (1 to 1,024; default 64)
 * @param iterations ALS sweeps (1 to 200; default 15)
 * @param regularization ALS L2 regularisation (0 to 1e6; default 3, scaled by
 *     n^{@code regularizationExponent} for a vector with n interactions)
 * @param alpha ALS confidence scaling of interaction strength (0 to 1e6; default 2)
 * @param easeActivityExponent EASE weighs each person's interactions by n^-exponent, n being
 *     their number of products, so that very active people do not dominate (0 to 2; default
 *     0.5; 0 is plain EASE); see {@link EaseParams#activityExponent()}
 * @param easeDropout EASE's emphasised-dropout penalty p, adding p/(1-p) of each product's
 *     own Gram diagonal to its regularisation (0 to 0.9; default 0.5, which doubles the
 *     diagonal; 0 is plain EASE); see {@link EaseParams#dropout()}
 * @param regularizationExponent ALS penalises a vector with n interactions by
 *     {@code regularization * n^exponent} (0 to 2; default 0.5; 0 is the same for every
 *     vector); see {@link AlsParams#regularizationExponent()}
 * @param alsShare the weight of ALS's standardised scores in the blend, EASE's being
 *     {@code 1 - alsShare} (0 to 1; default 0.5)
 */
public record CollaborativeParams(String method, double easeLambda, int maxEaseItems, int factors, int iterations,
                                  double regularization, double alpha, double easeActivityExponent,
                                  double easeDropout, double regularizationExponent, double alsShare)
        implements ModelParams {
    public static final List<String> METHODS = List.of("auto", "blend", "ease", "als");
    private static final ParamSpec.Choice METHOD = new ParamSpec.Choice("method", METHODS);
    private static final ParamSpec.Decimal EASE_LAMBDA = new ParamSpec.Decimal("easeLambda", 0.001, 1e9);
    private static final ParamSpec.Whole MAX_EASE_ITEMS = new ParamSpec.Whole("maxEaseItems", 1, 60_000);
    private static final ParamSpec.Whole FACTORS = new ParamSpec.Whole("factors", 1, 1_024);
    private static final ParamSpec.Whole ITERATIONS = new ParamSpec.Whole("iterations", 1, 200);
    private static final ParamSpec.Decimal REGULARIZATION = new ParamSpec.Decimal("regularization", 0, 1e6);
    private static final ParamSpec.Decimal ALPHA = new ParamSpec.Decimal("alpha", 0, 1e6);
    private static final ParamSpec.Decimal EASE_ACTIVITY_EXPONENT =
            new ParamSpec.Decimal("easeActivityExponent", 0, 2);
    private static final ParamSpec.Decimal EASE_DROPOUT = new ParamSpec.Decimal("easeDropout", 0, 0.9);
    private static final ParamSpec.Decimal REGULARIZATION_EXPONENT =
            new ParamSpec.Decimal("regularizationExponent", 0, 2);
    private static final ParamSpec.Decimal ALS_SHARE = new ParamSpec.Decimal("alsShare", 0, 1);

    /**
     * What the server and {@code attune evaluate} train with. EASE's activity exponent and
     * dropout and ALS's regularization, its exponent and alpha were chosen on seed-1 splits of
     * both MovieLens sets (docs/benchmarks.md).
     */
    public static final CollaborativeParams DEFAULTS = new CollaborativeParams("auto", 500, 30_000, 64, 15, 3, 2,
            0.5, 0.5, 0.5, 0.5);

    /** @throws IllegalArgumentException naming a field out of its range */
    public CollaborativeParams {
        METHOD.check(method);
        EASE_LAMBDA.check(easeLambda);
        MAX_EASE_ITEMS.check(maxEaseItems);
        FACTORS.check(factors);
        ITERATIONS.check(iterations);
        REGULARIZATION.check(regularization);
        ALPHA.check(alpha);
        EASE_ACTIVITY_EXPONENT.check(easeActivityExponent);
        EASE_DROPOUT.check(easeDropout);
        REGULARIZATION_EXPONENT.check(regularizationExponent);
        ALS_SHARE.check(alsShare);
    }

    static CollaborativeParams read(ParamsReader in) {
        return new CollaborativeParams(in.choice(METHOD, DEFAULTS.method),
                in.number(EASE_LAMBDA, DEFAULTS.easeLambda),
                in.integer(MAX_EASE_ITEMS, DEFAULTS.maxEaseItems),
                in.integer(FACTORS, DEFAULTS.factors),
                in.integer(ITERATIONS, DEFAULTS.iterations),
                in.number(REGULARIZATION, DEFAULTS.regularization),
                in.number(ALPHA, DEFAULTS.alpha),
                in.number(EASE_ACTIVITY_EXPONENT, DEFAULTS.easeActivityExponent),
                in.number(EASE_DROPOUT, DEFAULTS.easeDropout),
                in.number(REGULARIZATION_EXPONENT, DEFAULTS.regularizationExponent),
                in.number(ALS_SHARE, DEFAULTS.alsShare));
    }

    /** The EASE part of these params. */
    public EaseParams easeParams() {
        return new EaseParams(easeLambda, maxEaseItems, easeActivityExponent, easeDropout);
    }

    /** The ALS part of these params, with the kind's seed. */
    public AlsParams alsParams() {
        return new AlsParams(factors, iterations, regularization, alpha, AlsParams.SEED, regularizationExponent);
    }

    /** The same params with another method. */
    public CollaborativeParams withMethod(String newMethod) {
        return new CollaborativeParams(newMethod, easeLambda, maxEaseItems, factors, iterations, regularization, alpha,
                easeActivityExponent, easeDropout, regularizationExponent, alsShare);
    }

    /** The same params with another EASE lambda, activity exponent and dropout. */
    public CollaborativeParams withEase(double newLambda, double newActivityExponent, double newDropout) {
        return new CollaborativeParams(method, newLambda, maxEaseItems, factors, iterations, regularization, alpha,
                newActivityExponent, newDropout, regularizationExponent, alsShare);
    }

    /** The same params with other ALS factors, sweeps, regularization, exponent and alpha. */
    public CollaborativeParams withAls(int newFactors, int newIterations, double newRegularization,
                                       double newRegularizationExponent, double newAlpha) {
        return new CollaborativeParams(method, easeLambda, maxEaseItems, newFactors, newIterations, newRegularization,
                newAlpha, easeActivityExponent, easeDropout, newRegularizationExponent, alsShare);
    }
}
