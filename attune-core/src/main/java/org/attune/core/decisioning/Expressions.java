package org.attune.core.decisioning;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.common.collect.ImmutableCollection;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import com.google.protobuf.Timestamp;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationResult;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableAst;
import dev.cel.common.navigation.CelNavigableExpr;
import dev.cel.common.types.CelType;
import dev.cel.common.types.CelTypeProvider;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.StructType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.attune.core.catalog.AttributeDefinition;
import org.attune.core.catalog.CatalogSchema;
import org.attune.core.catalog.Product;
import org.attune.core.json.Timestamps;
import org.attune.core.profile.ProfileSnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CEL environment of one catalog (documented in {@code docs/decisioning.md}): what an
 * eligibility rule, a ranking formula or a collection filter may name, how each is checked
 * at save time, and how the values are given at request time.
 *
 * <ul>
 *   <li>{@code product}: a struct with the catalog schema's attributes (string, number as
 *       double, boolean, string_list as list of strings, url as string, timestamp) plus
 *       {@code id} and {@code available}. A product without a value reads the type's zero
 *       value ("", 0.0, false, [], the epoch), as a proto3 field does.</li>
 *   <li>{@code profile}: the person's computed attributes ({@link #PROFILE_FIELDS}).
 *       {@code profile.affinity.ATTRIBUTE[value]} is 0.0 for a value the person never met;
 *       {@code days_since_last_purchase} is infinite for a person who never bought.</li>
 *   <li>{@code context}: the request's page ({@link #CONTEXT_FIELDS}), "" when not given.</li>
 *   <li>{@code score}: the candidate's score from its source, 0 to 1.</li>
 * </ul>
 *
 * <p>Unknown names, unknown fields, unknown affinity attributes and type errors are refused
 * with their line and column. Thread-safe; product values are built once per product
 * version and kept.
 */
public final class Expressions {
    /** Longest expression accepted, in characters. */
    public static final int MAX_LENGTH = 4_000;
    /**
     * Most evaluation steps (sub-expressions evaluated) an expression may take on one candidate:
     * one whose estimate ({@link ExpressionCost}) is higher is refused at save time, and an
     * evaluation that gets there anyway fails at request time. About 10 ms of one core.
     */
    public static final long MAX_STEPS = 100_000;
    /**
     * Most evaluation steps all expressions of one request may take together, whatever the
     * number of its placements, strategies and candidates: past it every evaluation of the
     * request fails at once, so no rule can hold a decision up for long (about 100 ms of one core).
     */
    public static final long MAX_REQUEST_STEPS = 1_000_000;
    /** Most comprehension iterations of one evaluation, all comprehensions together (CEL's own guard). */
    public static final int MAX_ITERATIONS = 10_000;
    /** How deeply an expression may nest (parentheses, calls, operators), as CEL's parser counts. */
    public static final int MAX_NESTING = 32;

    /** What an expression is for: which names it sees and what it must give. */
    public enum Use {
        /** true keeps the candidate: product, profile, context, score. */
        ELIGIBILITY(SimpleType.BOOL, true),
        /** the candidate's rank value, higher first: product, profile, context, score. */
        FORMULA(SimpleType.DOUBLE, true),
        /** true puts the product in the collection: product only. */
        COLLECTION(SimpleType.BOOL, false);

        private final CelType result;
        private final boolean personal;

        Use(CelType result, boolean personal) {
            this.result = result;
            this.personal = personal;
        }
    }

    /** The profile's fields and their CEL types. */
    static final Map<String, CelType> PROFILE_FIELDS = profileFields();
    /** The context's fields, all strings. */
    public static final List<String> CONTEXT_FIELDS = List.of("product", "category", "query", "referrer", "device",
            "page", "channel", "placement");

    private static final CelOptions OPTIONS = CelOptions.current().enableHeterogeneousNumericComparisons(true)
            .maxExpressionCodePointSize(MAX_LENGTH).comprehensionMaxIterations(MAX_ITERATIONS)
            .maxParseRecursionDepth(MAX_NESTING).build();
    private static final Logger LOG = LoggerFactory.getLogger(Expressions.class);
    /** Expressions already logged as over their budget, so that each is logged once, not per request. */
    private static final Set<String> LOGGED_OVER_BUDGET = ConcurrentHashMap.newKeySet();
    private static final int MAX_LOGGED_OVER_BUDGET = 10_000;
    private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().setOptions(OPTIONS)
            .build();
    private static final Timestamp EPOCH = Timestamp.getDefaultInstance();

    private final Map<String, AttributeDefinition> attributes;
    private final Set<String> affinityAttributes;
    private final Map<Use, CelCompiler> compilers = new HashMap<>();
    /** Rule texts that name nothing but {@code product}, each with its place in a product's verdicts. */
    private final Map<String, Integer> verdictSlots = new ConcurrentHashMap<>();
    private final AtomicInteger nextVerdictSlot = new AtomicInteger();

    /**
     * What this environment derived from one product version, kept with the version
     * ({@link Product#derived}) rather than in a map of the catalog's products: its values for
     * expressions, and the verdicts of the rules on the product alone by their slot (0 not known
     * yet, 1 ineligible, 2 eligible). Verdicts are written without a lock: a write lost to a
     * concurrent one only means the rule is evaluated again.
     */
    private static final class Derived {
        final Expressions owner;
        final Map<String, Object> fields;
        volatile byte[] verdicts = new byte[0];

        Derived(Expressions owner, Map<String, Object> fields) {
            this.owner = owner;
            this.fields = fields;
        }

        Boolean verdict(int slot) {
            byte[] known = verdicts;
            return slot >= known.length || known[slot] == 0 ? null : known[slot] == 2;
        }

        void remember(int slot, boolean eligible) {
            byte[] known = verdicts;
            if (slot >= known.length) {
                known = Arrays.copyOf(known, slot + 1);
            }
            known[slot] = (byte) (eligible ? 2 : 1);
            verdicts = known;
        }
    }

    /**
     * A checked expression, ready to evaluate.
     *
     * @param source the text as given
     * @param use what it is for
     * @param program the CEL program
     * @param readsProfile whether it names {@code profile} (a request builds the profile's values only then)
     * @param verdictSlot for an eligibility rule that names nothing but {@code product}, where a
     *     product version keeps its value (remembered by {@link #eligible}; the same text keeps
     *     its slot when compiled again); -1 otherwise
     */
    public record Compiled(String source, Use use, CelRuntime.Program program, boolean readsProfile,
                           int verdictSlot) {

        /** Whether the rule's value is remembered per product version. */
        public boolean remembersVerdicts() {
            return verdictSlot >= 0;
        }
    }

    /** Why an expression was refused: the message, with line and column (1-based) when known. */
    public record Error(String message, int line, int column) {
        public String describe() {
            return line > 0 ? "line " + line + ", column " + column + ": " + message : message;
        }
    }

    /**
     * The evaluation steps one request's expressions may still take ({@link #MAX_REQUEST_STEPS}),
     * shared by all its evaluations. Not thread-safe: a request's own.
     */
    public static final class RequestBudget {
        private long stepsLeft = MAX_REQUEST_STEPS;

        /** The steps left. */
        public long stepsLeft() {
            return stepsLeft;
        }
    }

    /** Thrown by the step counter to stop an evaluation over its budget; no stack trace, it is expected. */
    private static final class OutOfSteps extends RuntimeException {
        OutOfSteps() {
            super(null, null, false, false);
        }
    }

    /** Counts the steps of one evaluation against its limit ({@code CelEvaluationListener} is called per step). */
    private static final class StepCounter implements dev.cel.runtime.CelEvaluationListener {
        long limit;
        long taken;

        @Override
        public void callback(CelExpr expr, Object result) {
            if (++taken > limit) {
                throw new OutOfSteps();
            }
        }
    }

    /** One candidate's values for {@link #evaluate}. */
    public static final class Variables {
        final RequestBudget budget;
        final StepCounter steps = new StepCounter();
        Map<String, Object> product;
        /** The product version {@code product} holds the values of. */
        Product candidate;
        Map<String, Object> profile = Map.of();
        Map<String, Object> context = Map.of();
        double score;

        Variables(RequestBudget budget) {
            this.budget = budget;
        }

        Optional<Object> find(String name) {
            return switch (name) {
                case "product" -> Optional.of(product);
                case "profile" -> Optional.of(profile);
                case "context" -> Optional.of(context);
                case "score" -> Optional.of(score);
                default -> Optional.empty();
            };
        }
    }

    public Expressions(CatalogSchema schema) {
        this.attributes = schema.byName();
        Set<String> affinity = new java.util.TreeSet<>();
        schema.attributes().stream().filter(AttributeDefinition::tracksAffinity).forEach(a -> affinity.add(a.name()));
        this.affinityAttributes = Set.copyOf(affinity);
        Map<String, CelType> productFields = new LinkedHashMap<>();
        attributes.forEach((name, definition) -> productFields.put(name, celType(definition)));
        productFields.put("id", SimpleType.STRING);
        productFields.put("available", SimpleType.BOOL);
        StructType product = struct("attune.Product", productFields);
        StructType profile = struct("attune.Profile", PROFILE_FIELDS);
        Map<String, CelType> contextFields = new LinkedHashMap<>();
        CONTEXT_FIELDS.forEach(field -> contextFields.put(field, SimpleType.STRING));
        StructType context = struct("attune.Context", contextFields);
        CelTypeProvider types = new CelTypeProvider() {
            @Override
            public ImmutableCollection<CelType> types() {
                return ImmutableList.of(product, profile, context);
            }

            @Override
            public Optional<CelType> findType(String typeName) {
                return types().stream().filter(t -> t.name().equals(typeName)).findFirst();
            }
        };
        for (Use use : Use.values()) {
            var builder = CelCompilerFactory.standardCelCompilerBuilder().setOptions(OPTIONS)
                    .setStandardMacros(CelStandardMacro.STANDARD_MACROS).setTypeProvider(types)
                    .addVar("product", product).setResultType(use.result);
            if (use.personal) {
                builder.addVar("profile", profile).addVar("context", context).addVar("score", SimpleType.DOUBLE);
            }
            compilers.put(use, builder.build());
        }
    }

    /** Attributes whose values profiles keep affinities for: the keys of {@code profile.affinity}. */
    public Set<String> affinityAttributes() {
        return affinityAttributes;
    }

    /**
     * Checks {@code source} for {@code use}.
     *
     * @return the program, or the errors (never both empty)
     */
    public Result compile(String source, Use use) {
        if (source == null || source.isBlank()) {
            return new Result(null, List.of(new Error("the expression is empty", 0, 0)));
        }
        if (source.length() > MAX_LENGTH) {
            return new Result(null, List.of(new Error("the expression is longer than " + MAX_LENGTH
                    + " characters", 0, 0)));
        }
        CelValidationResult checked = compilers.get(use).compile(source);
        if (checked.hasError()) {
            List<Error> errors = new ArrayList<>();
            for (CelIssue issue : checked.getErrors()) {
                errors.add(new Error(issue.getMessage(), issue.getSourceLocation().getLine(),
                        issue.getSourceLocation().getColumn() + 1));
            }
            return new Result(null, errors);
        }
        try {
            CelAbstractSyntaxTree ast = checked.getAst();
            List<Error> errors = unknownAffinities(ast);
            if (!errors.isEmpty()) {
                return new Result(null, errors);
            }
            ExpressionCost.Estimate cost = ExpressionCost.of(ast.getExpr(), MAX_STEPS);
            if (cost.steps() > MAX_STEPS) {
                String message = "the expression may take up to " + String.format(java.util.Locale.ROOT, "%,d",
                        cost.steps()) + " evaluation steps on one product, over the limit of "
                        + String.format(java.util.Locale.ROOT, "%,d", MAX_STEPS) + " (a list or map not written"
                        + " out counts as " + String.format(java.util.Locale.ROOT, "%,d", ExpressionCost.ASSUMED_RANGE)
                        + " elements): nest fewer map, filter, all and exists over fewer elements";
                return new Result(null, List.of(cost.over() == null ? new Error(message, 0, 0)
                        : positioned(ast, cost.over().id(), message)));
            }
            Set<String> names = CelNavigableAst.fromAst(ast).getRoot().allNodes()
                    .filter(node -> node.getKind() == CelExpr.ExprKind.Kind.IDENT)
                    .map(node -> node.expr().ident().name()).collect(java.util.stream.Collectors.toSet());
            boolean productOnly = use == Use.ELIGIBILITY && names.stream().allMatch("product"::equals);
            int verdictSlot = productOnly ? verdictSlots.computeIfAbsent(source,
                    text -> nextVerdictSlot.getAndIncrement()) : -1;
            return new Result(new Compiled(source, use, RUNTIME.createProgram(ast), names.contains("profile"),
                    verdictSlot), List.of());
        } catch (dev.cel.common.CelValidationException | CelEvaluationException | RuntimeException e) {
            return new Result(null, List.of(new Error(String.valueOf(e.getMessage()), 0, 0)));
        }
    }

    /**
     * The outcome of {@link #compile}.
     *
     * @param compiled the program, or null when refused
     * @param errors why it was refused, empty when compiled
     */
    public record Result(Compiled compiled, List<Error> errors) {
        public Result {
            errors = List.copyOf(errors);
        }
    }

    /** {@code profile.affinity.X} must name an attribute whose affinities profiles keep. */
    private List<Error> unknownAffinities(CelAbstractSyntaxTree ast) {
        List<Error> errors = new ArrayList<>();
        CelNavigableAst.fromAst(ast).getRoot().allNodes()
                .filter(node -> node.getKind() == CelExpr.ExprKind.Kind.SELECT)
                .forEach(node -> {
                    CelExpr.CelSelect select = node.expr().select();
                    CelExpr operand = select.operand();
                    if (operand.getKind() == CelExpr.ExprKind.Kind.SELECT
                            && operand.select().field().equals("affinity")
                            && operand.select().operand().getKind() == CelExpr.ExprKind.Kind.IDENT
                            && operand.select().operand().ident().name().equals("profile")
                            && !affinityAttributes.contains(select.field())) {
                        errors.add(positioned(ast, node, "profile.affinity has no attribute '" + select.field()
                                + "'; profiles keep affinities for " + affinityAttributes));
                    }
                });
        return errors;
    }

    private static Error positioned(CelAbstractSyntaxTree ast, CelNavigableExpr node, String message) {
        return positioned(ast, node.id(), message);
    }

    private static Error positioned(CelAbstractSyntaxTree ast, long id, String message) {
        Integer offset = ast.getSource().getPositionsMap().get(id);
        return offset == null ? new Error(message, 0, 0) : ast.getSource().getOffsetLocation(offset)
                .map(location -> new Error(message, location.getLine(), location.getColumn() + 1))
                .orElse(new Error(message, 0, 0));
    }

    /**
     * Evaluates a compiled expression, in at most {@link #MAX_STEPS} steps and the request's
     * steps left ({@link RequestBudget}). An evaluation over either fails, and is logged once
     * per expression.
     *
     * @return a Boolean for eligibility and collections, a Double for formulas
     * @throws CelEvaluationException when the expression fails on these values (e.g. a missing map
     *     key) or runs over its budget
     */
    public static Object evaluate(Compiled expression, Variables variables) throws CelEvaluationException {
        RequestBudget budget = variables.budget;
        StepCounter steps = variables.steps;
        steps.limit = Math.min(MAX_STEPS, budget.stepsLeft);
        steps.taken = 0;
        try {
            if (steps.limit <= 0) {
                throw new OutOfSteps();
            }
            return expression.program().trace(variables::find, steps);
        } catch (OutOfSteps e) {
            throw overBudget(expression, steps.limit < MAX_STEPS);
        } catch (CelEvaluationException e) {
            if (e.getCause() instanceof OutOfSteps) {
                throw overBudget(expression, steps.limit < MAX_STEPS);
            }
            throw e;
        } finally {
            budget.stepsLeft -= Math.min(steps.taken, steps.limit);
        }
    }

    private static CelEvaluationException overBudget(Compiled expression, boolean requestBudget) {
        String message = requestBudget
                ? "the request's expressions took their " + String.format(java.util.Locale.ROOT, "%,d",
                        MAX_REQUEST_STEPS) + " evaluation steps; this one was not evaluated to the end"
                : "the expression took more than " + String.format(java.util.Locale.ROOT, "%,d", MAX_STEPS)
                        + " evaluation steps on one product";
        if (LOGGED_OVER_BUDGET.size() < MAX_LOGGED_OVER_BUDGET && LOGGED_OVER_BUDGET.add(expression.source())) {
            LOG.warn("{} ({} '{}'); it counts as failed for the candidate. Logged once per expression.",
                    message, expression.use().name().toLowerCase(java.util.Locale.ROOT), expression.source());
        }
        return new CelEvaluationException(message);
    }

    /**
     * Whether a candidate passes an eligibility rule: {@link #candidate} and {@link #evaluate},
     * except that a rule naming only {@code product} is evaluated once per product version and
     * its value remembered. An evaluation that fails is not remembered.
     *
     * @throws CelEvaluationException when the rule fails on these values
     */
    public boolean eligible(Compiled rule, Variables variables, Product product, double score)
            throws CelEvaluationException {
        Derived derived = rule.remembersVerdicts() ? derived(product) : null;
        Boolean known = derived == null ? null : derived.verdict(rule.verdictSlot());
        if (known != null) {
            return known;
        }
        candidate(variables, product, score);
        boolean eligible = Boolean.TRUE.equals(evaluate(rule, variables));
        if (derived != null) {
            derived.remember(rule.verdictSlot(), eligible);
        }
        return eligible;
    }

    /** Values for one candidate product, with a budget of their own ({@link #MAX_REQUEST_STEPS}). */
    public Variables variables(Map<String, Object> profile, Map<String, Object> context) {
        return variables(profile, context, new RequestBudget());
    }

    /** Values for one candidate product; the request's profile, context and budget are set once. */
    public Variables variables(Map<String, Object> profile, Map<String, Object> context, RequestBudget budget) {
        Variables variables = new Variables(budget);
        variables.profile = profile;
        variables.context = context;
        return variables;
    }

    /** Points the variables at a candidate (again for the same one costs nothing: eligibility, then formula). */
    public void candidate(Variables variables, Product product, double score) {
        if (variables.candidate != product) {
            variables.product = productFields(product);
            variables.candidate = product;
        }
        variables.score = score;
    }

    /** The product's values, built once per product version. */
    Map<String, Object> productFields(Product product) {
        return derived(product).fields;
    }

    /** The remembered value of a rule on the product alone for this version, or null. */
    Boolean rememberedVerdict(Compiled rule, Product product) {
        return product.derived() instanceof Derived derived && derived.owner == this && rule.remembersVerdicts()
                ? derived.verdict(rule.verdictSlot()) : null;
    }

    /** What this environment derived from the product version, derived now on the first ask. */
    private Derived derived(Product product) {
        if (product.derived() instanceof Derived derived && derived.owner == this) {
            return derived;
        }
        Map<String, Object> fields = new HashMap<>();
        attributes.forEach((name, definition) -> fields.put(name, value(definition, product.attributes().get(name))));
        fields.put("id", product.id());
        fields.put("available", product.available());
        Derived derived = new Derived(this, Map.copyOf(fields));
        product.derived(derived);
        return derived;
    }

    /** The request's context values: every field, "" when not given. */
    public static Map<String, Object> contextFields(Map<String, String> given) {
        Map<String, Object> fields = new HashMap<>();
        for (String field : CONTEXT_FIELDS) {
            String value = given.get(field);
            fields.put(field, value == null ? "" : value);
        }
        return Map.copyOf(fields);
    }

    /** The person's computed attributes as {@code profile.*} reads them. */
    public Map<String, Object> profileFields(ProfileSnapshot snapshot) {
        Map<String, Object> affinity = new HashMap<>();
        for (String attribute : affinityAttributes) {
            Map<String, Object> scores = new HashMap<>();
            for (ProfileSnapshot.Affinity value : snapshot.affinities().getOrDefault(attribute, List.of())) {
                scores.put(value.value(), value.score());
            }
            affinity.put(attribute, new ZeroForMissing(scores, 0.0));
        }
        Map<String, Object> events = new HashMap<>();
        snapshot.counts().forEach(events::put);
        Map<String, Object> fields = new HashMap<>();
        fields.put("affinity", affinity);
        Double days = snapshot.rfm().daysSinceLastPurchase();
        fields.put("days_since_last_purchase", days == null ? Double.POSITIVE_INFINITY : days);
        fields.put("purchases_30d", (long) snapshot.rfm().purchases30d());
        fields.put("purchases_90d", (long) snapshot.rfm().purchases90d());
        fields.put("spend", snapshot.rfm().spend());
        fields.put("events", new ZeroForMissing(events, 0L));
        fields.put("viewed", snapshot.recentlyViewed());
        fields.put("purchased", snapshot.recentlyPurchased());
        fields.put("cart", snapshot.cart());
        return fields;
    }

    private static Map<String, CelType> profileFields() {
        Map<String, CelType> fields = new LinkedHashMap<>();
        fields.put("affinity", MapType.create(SimpleType.STRING, MapType.create(SimpleType.STRING, SimpleType.DOUBLE)));
        fields.put("days_since_last_purchase", SimpleType.DOUBLE);
        fields.put("purchases_30d", SimpleType.INT);
        fields.put("purchases_90d", SimpleType.INT);
        fields.put("spend", SimpleType.DOUBLE);
        fields.put("events", MapType.create(SimpleType.STRING, SimpleType.INT));
        fields.put("viewed", ListType.create(SimpleType.STRING));
        fields.put("purchased", ListType.create(SimpleType.STRING));
        fields.put("cart", ListType.create(SimpleType.STRING));
        return Map.copyOf(fields);
    }

    private static StructType struct(String name, Map<String, CelType> fields) {
        return StructType.create(name, ImmutableSet.copyOf(fields.keySet()), field -> Optional.ofNullable(fields.get(field)));
    }

    private static CelType celType(AttributeDefinition definition) {
        return switch (definition.type()) {
            case STRING, URL -> SimpleType.STRING;
            case NUMBER -> SimpleType.DOUBLE;
            case BOOLEAN -> SimpleType.BOOL;
            case STRING_LIST -> ListType.create(SimpleType.STRING);
            case TIMESTAMP -> SimpleType.TIMESTAMP;
        };
    }

    private static Object value(AttributeDefinition definition, JsonNode node) {
        boolean missing = node == null || node.isNull();
        return switch (definition.type()) {
            case STRING, URL -> missing ? "" : node.asText();
            case NUMBER -> missing ? 0.0 : node.asDouble();
            case BOOLEAN -> !missing && node.asBoolean();
            case STRING_LIST -> {
                if (missing) {
                    yield List.of();
                }
                List<String> values = new ArrayList<>(node.size());
                node.forEach(value -> values.add(value.asText()));
                yield List.copyOf(values);
            }
            case TIMESTAMP -> {
                if (missing) {
                    yield EPOCH;
                }
                Instant at = Timestamps.parse(node);
                yield Timestamp.newBuilder().setSeconds(at.getEpochSecond()).setNanos(at.getNano()).build();
            }
        };
    }

    /** A map that reads {@code zero} for a key it does not hold, so an unseen value is not an error. */
    private static final class ZeroForMissing extends AbstractMap<String, Object> {
        private final Map<String, Object> values;
        private final Object zero;

        ZeroForMissing(Map<String, Object> values, Object zero) {
            this.values = values;
            this.zero = zero;
        }

        @Override
        public boolean containsKey(Object key) {
            return true;
        }

        @Override
        public Object get(Object key) {
            Object value = values.get(key);
            return value == null ? zero : value;
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return values.entrySet();
        }
    }
}
