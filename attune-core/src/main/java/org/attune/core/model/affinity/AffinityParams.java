package org.attune.core.model.affinity;

import org.attune.core.model.ModelParams;
import org.attune.core.model.ParamSpec;
import org.attune.core.model.ParamsReader;

/**
 * The params of the {@code affinity} kind.
 *
 * @param halfLifeDays after this many days an interaction counts half as much, both in a
 *     person's preferences at request time and in the popularity prior (0.01 to 3,650; default 14)
 * @param popularityPrior weight of the product's popularity added to its affinity score, 0 to 1
 *     (default 0.1)
 */
public record AffinityParams(double halfLifeDays, double popularityPrior) implements ModelParams {
    private static final ParamSpec.Decimal HALF_LIFE_DAYS = new ParamSpec.Decimal("halfLifeDays", 0.01, 3_650);
    private static final ParamSpec.Decimal POPULARITY_PRIOR = new ParamSpec.Decimal("popularityPrior", 0, 1);

    public static final AffinityParams DEFAULTS = new AffinityParams(14, 0.1);

    /** @throws IllegalArgumentException naming a field out of its range */
    public AffinityParams {
        HALF_LIFE_DAYS.check(halfLifeDays);
        POPULARITY_PRIOR.check(popularityPrior);
    }

    static AffinityParams read(ParamsReader in) {
        return new AffinityParams(in.number(HALF_LIFE_DAYS, DEFAULTS.halfLifeDays),
                in.number(POPULARITY_PRIOR, DEFAULTS.popularityPrior));
    }
}
