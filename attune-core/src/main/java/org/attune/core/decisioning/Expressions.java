package org.attune.core.decisioning;

import com.google.common.collect.ImmutableCollection;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationResult;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableAst;
import dev.cel.common.navigation.CelNavigableExpr;
import dev.cel.common.types.CelType;
import dev.cel.common.types.CelTypeProvider;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.StructType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.attune.core.catalog.CatalogSchema;
import org.attune.core.catalog.Product;
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
 *   <li>{@code profile}: the person's computed attributes ({@link ExpressionFields}).
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

    /** The context's fields, all strings. */
    public static final List<String> CONTEXT_FIELDS = ExpressionFields.CONTEXT_FIELDS;

    private static final CelOptions OPTIONS = CelOptions.current().enableHeterogeneousNumericComparisons(true)
            .maxExpressionCodePointSize(MAX_LENGTH).comprehensionMaxIterations(MAX_ITERATIONS)
            .maxParseRecursionDepth(MAX_NESTING).build();
    private static final Logger LOG = LoggerFactory.getLogger(Expressions.class);
    /** Expressions already logged as over their budget, so that each is logged once, not per request. */
    private static final Set<String> LOGGED_OVER_BUDGET = ConcurrentHashMap.newKeySet();
    private static final int MAX_LOGGED_OVER_BUDGET = 10_000;
    private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().setOptions(OPTIONS)
            .build();

    private final ExpressionFields fields;
    private final Map<Use, CelCompiler> compilers = new HashMap<>();
    /** Rule texts that name nothing but {@code product}, each with its place in a product's verdicts. */
    private final Map<String, Integer> verdictSlots = new ConcurrentHashMap<>();
    private final AtomicInteger nextVerdictSlot = new AtomicInteger();

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
        this.fields = new ExpressionFields(schema);
        StructType product = struct("attune.Product", fields.productTypes());
        StructType profile = struct("attune.Profile", ExpressionFields.PROFILE_TYPES);
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
        return fields.affinityAttributes();
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
                            && !affinityAttributes().contains(select.field())) {
                        errors.add(positioned(ast, node, "profile.affinity has no attribute '" + select.field()
                                + "'; profiles keep affinities for " + affinityAttributes()));
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
        ExpressionFields.Derived derived = rule.remembersVerdicts() ? fields.derived(product) : null;
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
        return fields.productFields(product);
    }

    /** The remembered value of a rule on the product alone for this version, or null. */
    Boolean rememberedVerdict(Compiled rule, Product product) {
        ExpressionFields.Derived derived = fields.derivedIfKnown(product);
        return derived != null && rule.remembersVerdicts() ? derived.verdict(rule.verdictSlot()) : null;
    }

    /** The request's context values: every field, "" when not given. */
    public static Map<String, Object> contextFields(Map<String, String> given) {
        return ExpressionFields.contextFields(given);
    }

    /** The person's computed attributes as {@code profile.*} reads them. */
    public Map<String, Object> profileFields(ProfileSnapshot snapshot) {
        return fields.profileFields(snapshot);
    }

    private static StructType struct(String name, Map<String, CelType> fields) {
        return StructType.create(name, ImmutableSet.copyOf(fields.keySet()), field -> Optional.ofNullable(fields.get(field)));
    }
}
