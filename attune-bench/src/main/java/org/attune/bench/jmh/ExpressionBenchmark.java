package org.attune.bench.jmh;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.attune.core.catalog.AttributeDefinition;
import org.attune.core.catalog.AttributeRole;
import org.attune.core.catalog.AttributeType;
import org.attune.core.catalog.CatalogSchema;
import org.attune.core.catalog.Product;
import org.attune.core.decisioning.Expressions;
import org.attune.core.profile.ProfileSnapshot;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A strategy's expressions over one pool of 60 candidates, as a decision ranks them: the
 * eligibility {@code product.price < 80.0 && product.available}, then the formula
 * {@code profile.affinity.brand[product.brand]} for those kept. The products (of 1,000, with
 * a brand of 50 and a price of 0 to 100) have their values built already, as in a running
 * server; the person has affinities for 20 brands. Sample time, per pool: both expressions
 * evaluated for each candidate, and the eligibility remembered per product as decisions do.
 * Each pool is one request's: it takes new variables, as a decision does, and with them the
 * request's budget of expression steps.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ExpressionBenchmark {
    private static final int PRODUCTS = 1_000;
    private static final int POOL = 60;

    private Expressions expressions;
    private Expressions.Compiled eligibility;
    private Expressions.Compiled formula;
    private Map<String, Object> profile;
    private Map<String, Object> context;
    private Expressions.Variables variables;
    private Product[] products;
    private int next;

    @Setup
    public void setUp() throws Exception {
        CatalogSchema schema = new CatalogSchema(List.of(
                new AttributeDefinition("brand", AttributeType.STRING, AttributeRole.BRAND, false),
                new AttributeDefinition("price", AttributeType.NUMBER, AttributeRole.PRICE, false),
                new AttributeDefinition("available", AttributeType.BOOLEAN, AttributeRole.AVAILABILITY, false)));
        expressions = new Expressions(schema);
        eligibility = compiled("product.price < 80.0 && product.available", Expressions.Use.ELIGIBILITY);
        formula = compiled("profile.affinity.brand[product.brand]", Expressions.Use.FORMULA);
        SplittableRandom random = new SplittableRandom(5);
        products = new Product[PRODUCTS];
        for (int p = 0; p < PRODUCTS; p++) {
            ObjectNode attributes = JsonNodeFactory.instance.objectNode().put("brand", "b" + random.nextInt(50))
                    .put("price", random.nextInt(10_000) / 100.0).put("available", true);
            products[p] = new Product("p" + p, attributes, true, Instant.EPOCH);
        }
        List<ProfileSnapshot.Affinity> brands = random.ints(20, 0, 50).distinct()
                .mapToObj(b -> new ProfileSnapshot.Affinity("b" + b, random.nextDouble())).toList();
        ProfileSnapshot snapshot = new ProfileSnapshot(1, List.of(), Map.of("view", 40L), Instant.EPOCH, Instant.EPOCH,
                Map.of("brand", brands), new ProfileSnapshot.Rfm(null, 0, 0, 0), List.of(), List.of(), List.of());
        profile = expressions.profileFields(snapshot);
        context = Expressions.contextFields(Map.of("page", "home"));
        variables = expressions.variables(profile, context);
        for (Product product : products) {
            expressions.candidate(variables, product, 0.5);
        }
    }

    private Expressions.Compiled compiled(String source, Expressions.Use use) {
        Expressions.Result result = expressions.compile(source, use);
        if (!result.errors().isEmpty()) {
            throw new IllegalStateException(result.errors().toString());
        }
        return result.compiled();
    }

    @Benchmark
    public double eligibilityAndFormulaOverAPool() throws Exception {
        variables = expressions.variables(profile, context); // one request's, with its own expression budget
        double sum = 0;
        for (int c = 0; c < POOL; c++) {
            Product product = products[next++ % PRODUCTS];
            expressions.candidate(variables, product, 0.5);
            if (Boolean.TRUE.equals(Expressions.evaluate(eligibility, variables))) {
                sum += ((Number) Expressions.evaluate(formula, variables)).doubleValue();
            }
        }
        return sum;
    }

    /**
     * The same pool as a decision ranks it now: the eligibility, which reads only the product,
     * through {@link Expressions#eligible} (evaluated once per product version and remembered),
     * then the formula.
     */
    @Benchmark
    public double rememberedEligibilityAndFormulaOverAPool() throws Exception {
        variables = expressions.variables(profile, context);
        double sum = 0;
        for (int c = 0; c < POOL; c++) {
            Product product = products[next++ % PRODUCTS];
            if (expressions.eligible(eligibility, variables, product, 0.5)) {
                expressions.candidate(variables, product, 0.5);
                sum += ((Number) Expressions.evaluate(formula, variables)).doubleValue();
            }
        }
        return sum;
    }
}
