package org.attune.core.decisioning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.attune.core.catalog.CatalogService;
import org.attune.core.decisioning.Definitions.Definition;
import org.attune.core.decisioning.Definitions.Kind;
import org.attune.core.model.ModelService;
import org.attune.core.validation.ConflictException;
import org.attune.core.validation.NotFoundException;

/**
 * The collections, strategies, placements and rules of every catalog: saved after
 * {@link DefinitionReader} checks them, refused for deletion while something uses them, and
 * kept compiled in memory for requests ({@link #compiled}). Thread-safe.
 */
public final class DecisioningDefinitions {
    private final DecisioningStore store;
    private final CatalogService catalogs;
    private final ModelService models;
    private final Clock clock;
    private final DefinitionReader reader = new DefinitionReader();
    private final Map<String, Expressions> expressions = new ConcurrentHashMap<>();
    private final Map<String, Compiled> compiled = new ConcurrentHashMap<>();

    /**
     * One catalog's definitions, checked and compiled, as requests read them. Immutable.
     *
     * @param eligibility compiled eligibility per strategy id (strategies without one are absent)
     * @param formulas compiled ranking formula per strategy id
     * @param filters compiled filter per collection id
     * @param readsShowings whether a placement's frequency cap or a strategy's "shown more than"
     *     exclusion reads what people were shown, so that decisions record it
     */
    public record Compiled(String catalog, Expressions expressions, Map<String, Definitions.Collection> collections,
                           Map<String, Definitions.Strategy> strategies,
                           Map<String, Definitions.Placement> placements, List<Definitions.Rule> rules,
                           Map<String, Expressions.Compiled> eligibility, Map<String, Expressions.Compiled> formulas,
                           Map<String, Expressions.Compiled> filters, boolean readsShowings) {
    }

    public DecisioningDefinitions(DecisioningStore store, CatalogService catalogs, ModelService models, Clock clock) {
        this.store = store;
        this.catalogs = catalogs;
        this.models = models;
        this.clock = clock;
    }

    /** The catalog's expression environment. @throws NotFoundException for an unknown catalog */
    public Expressions expressions(String catalog) {
        requireCatalog(catalog);
        return expressions.computeIfAbsent(catalog, c -> new Expressions(catalogs.catalog(c).schema()));
    }

    /**
     * Checks and saves a definition (creating or replacing it).
     *
     * @return the definition as stored, with {@code updatedAt}
     * @throws org.attune.core.validation.InvalidInputException listing every problem
     */
    public synchronized ObjectNode put(Kind kind, String catalog, String id, JsonNode body) {
        Definition definition = reader.read(kind, id, body, references(catalog));
        if (kind == Kind.STRATEGY) {
            refuseFallbackCycle((Definitions.Strategy) definition, catalog);
        }
        DecisioningStore.Stored stored = new DecisioningStore.Stored(kind.jsonName(), catalog, id,
                definition.toJson(), clock.instant());
        store.put(stored);
        compiled.remove(catalog);
        return shown(stored);
    }

    /** @throws NotFoundException when the catalog or the definition does not exist */
    public ObjectNode get(Kind kind, String catalog, String id) {
        requireCatalog(catalog);
        return shown(store.find(kind.jsonName(), catalog, id).orElseThrow(() -> notFound(kind, catalog, id)));
    }

    public List<ObjectNode> list(Kind kind, String catalog) {
        requireCatalog(catalog);
        return store.list(kind.jsonName(), catalog).stream().map(DecisioningDefinitions::shown).toList();
    }

    /**
     * Deletes a definition nothing else uses.
     *
     * @throws ConflictException ({@code in_use}) listing what uses it
     */
    public synchronized void delete(Kind kind, String catalog, String id) {
        requireCatalog(catalog);
        if (store.find(kind.jsonName(), catalog, id).isEmpty()) {
            throw notFound(kind, catalog, id);
        }
        List<String> users = usersOf(kind, catalog, id);
        if (!users.isEmpty()) {
            throw new ConflictException("in_use", "The " + kind.jsonName() + " '" + id + "' is used by "
                    + String.join(", ", users) + "; change or delete those first", users);
        }
        store.delete(kind.jsonName(), catalog, id);
        compiled.remove(catalog);
    }

    /** The catalog's enabled rules, by id (for deactivation checks and re-ranking). */
    public List<Definitions.Rule> enabledRules(String catalog) {
        return compiled(catalog).rules().stream().filter(Definitions.Rule::enabled).toList();
    }

    /** The catalog's definitions compiled, built again after each change. */
    public Compiled compiled(String catalog) {
        Compiled current = compiled.get(catalog);
        if (current != null) {
            return current;
        }
        synchronized (this) {
            return compiled.computeIfAbsent(catalog, this::compile);
        }
    }

    private Compiled compile(String catalog) {
        Expressions environment = expressions(catalog);
        Map<String, Definitions.Collection> collections = new HashMap<>();
        Map<String, Expressions.Compiled> filters = new HashMap<>();
        for (Definition d : read(Kind.COLLECTION, catalog)) {
            Definitions.Collection collection = (Definitions.Collection) d;
            collections.put(collection.id(), collection);
            if (collection.filter() != null) {
                filters.put(collection.id(), environment.compile(collection.filter(), Expressions.Use.COLLECTION)
                        .compiled());
            }
        }
        Map<String, Definitions.Strategy> strategies = new HashMap<>();
        Map<String, Expressions.Compiled> eligibility = new HashMap<>();
        Map<String, Expressions.Compiled> formulas = new HashMap<>();
        for (Definition d : read(Kind.STRATEGY, catalog)) {
            Definitions.Strategy strategy = (Definitions.Strategy) d;
            strategies.put(strategy.id(), strategy);
            if (strategy.eligibility() != null) {
                eligibility.put(strategy.id(), environment.compile(strategy.eligibility(),
                        Expressions.Use.ELIGIBILITY).compiled());
            }
            if (strategy.ranking().formula() != null) {
                formulas.put(strategy.id(), environment.compile(strategy.ranking().formula(),
                        Expressions.Use.FORMULA).compiled());
            }
        }
        Map<String, Definitions.Placement> placements = new HashMap<>();
        read(Kind.PLACEMENT, catalog).forEach(d -> placements.put(d.id(), (Definitions.Placement) d));
        List<Definitions.Rule> rules = read(Kind.RULE, catalog).stream().map(d -> (Definitions.Rule) d).toList();
        eligibility.values().removeIf(java.util.Objects::isNull);
        formulas.values().removeIf(java.util.Objects::isNull);
        filters.values().removeIf(java.util.Objects::isNull);
        boolean readsShowings = placements.values().stream().anyMatch(p -> p.cap() != null)
                || strategies.values().stream().anyMatch(s -> s.exclude().shownMoreThan() != null);
        return new Compiled(catalog, environment, Map.copyOf(collections), Map.copyOf(strategies),
                Map.copyOf(placements), rules, Map.copyOf(eligibility), Map.copyOf(formulas), Map.copyOf(filters),
                readsShowings);
    }

    /**
     * The stored definitions of a kind, read back without checking references again (a model
     * deleted since is reported at request time).
     */
    private List<Definition> read(Kind kind, String catalog) {
        List<Definition> definitions = new ArrayList<>();
        DefinitionReader.References lenient = new DefinitionReader.References() {
            @Override
            public Expressions expressions() {
                return DecisioningDefinitions.this.expressions(catalog);
            }

            @Override
            public boolean model(String id) {
                return true;
            }

            @Override
            public boolean exists(Kind k, String id) {
                return true;
            }

            @Override
            public boolean attribute(String name) {
                return true;
            }
        };
        for (DecisioningStore.Stored stored : store.list(kind.jsonName(), catalog)) {
            definitions.add(reader.read(kind, stored.id(), stored.definition(), lenient));
        }
        return definitions;
    }

    private DefinitionReader.References references(String catalog) {
        requireCatalog(catalog);
        Expressions environment = expressions(catalog);
        var attributes = catalogs.catalog(catalog).schema().byName().keySet();
        return new DefinitionReader.References() {
            @Override
            public Expressions expressions() {
                return environment;
            }

            @Override
            public boolean model(String id) {
                try {
                    return models.get(id).definition().catalog().equals(catalog);
                } catch (NotFoundException e) {
                    return false;
                }
            }

            @Override
            public boolean exists(Kind kind, String id) {
                return store.find(kind.jsonName(), catalog, id).isPresent();
            }

            @Override
            public boolean attribute(String name) {
                return attributes.contains(name);
            }
        };
    }

    /** A strategy may not reach itself through fallbacks. */
    private void refuseFallbackCycle(Definitions.Strategy strategy, String catalog) {
        List<String> path = new ArrayList<>(List.of(strategy.id()));
        if (reaches(strategy.fallbacks(), strategy.id(), catalog, path, 0)) {
            throw new org.attune.core.validation.InvalidInputException("invalid_strategy", "The strategy's"
                    + " fallbacks lead back to it: " + String.join(" → ", path), List.of(
                    new org.attune.core.validation.Problem("fallbacks", "fallback_cycle", "fallbacks lead back to '"
                            + strategy.id() + "': " + String.join(" → ", path))));
        }
    }

    private boolean reaches(List<String> fallbacks, String target, String catalog, List<String> path, int depth) {
        if (depth > 20) {
            return false;
        }
        for (String fallback : fallbacks) {
            path.add(fallback);
            if (fallback.equals(target)) {
                return true;
            }
            List<String> next = store.find(Kind.STRATEGY.jsonName(), catalog, fallback)
                    .map(s -> stringList(s.definition().path("fallbacks"))).orElse(List.of());
            if (reaches(next, target, catalog, path, depth + 1)) {
                return true;
            }
            path.remove(path.size() - 1);
        }
        return false;
    }

    private List<String> usersOf(Kind kind, String catalog, String id) {
        List<String> users = new ArrayList<>();
        if (kind == Kind.STRATEGY) {
            store.list(Kind.PLACEMENT.jsonName(), catalog).stream()
                    .filter(p -> p.definition().path("strategy").asText().equals(id))
                    .forEach(p -> users.add("placement '" + p.id() + "'"));
            store.list(Kind.STRATEGY.jsonName(), catalog).stream()
                    .filter(s -> stringList(s.definition().path("fallbacks")).contains(id))
                    .forEach(s -> users.add("strategy '" + s.id() + "' (fallback)"));
        } else if (kind == Kind.COLLECTION) {
            store.list(Kind.STRATEGY.jsonName(), catalog).stream()
                    .filter(s -> {
                        for (JsonNode source : s.definition().path("sources")) {
                            if (id.equals(source.path("collection").asText(null))) {
                                return true;
                            }
                        }
                        return false;
                    })
                    .forEach(s -> users.add("strategy '" + s.id() + "'"));
        }
        return users;
    }

    /** The strategies, placements and rules of any catalog that name the model. */
    public List<String> usersOfModel(String modelId) {
        List<String> users = new ArrayList<>();
        for (DecisioningStore.Stored stored : store.all()) {
            JsonNode d = stored.definition();
            boolean uses = modelId.equals(d.path("model").asText(null));
            for (JsonNode source : d.path("sources")) {
                uses |= modelId.equals(source.path("model").asText(null));
            }
            if (uses) {
                users.add(stored.kind() + " '" + stored.id() + "' of catalog '" + stored.catalog() + "'");
            }
        }
        return users;
    }

    private static List<String> stringList(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static ObjectNode shown(DecisioningStore.Stored stored) {
        ObjectNode json = stored.definition().deepCopy();
        return json.put("catalog", stored.catalog()).put("updatedAt", stored.updatedAt().toString());
    }

    private void requireCatalog(String catalog) {
        if (!catalogs.exists(catalog)) {
            throw new NotFoundException("catalog_not_found", "No catalog '" + catalog + "'");
        }
    }

    private static NotFoundException notFound(Kind kind, String catalog, String id) {
        return new NotFoundException(kind.jsonName() + "_not_found", "No " + kind.jsonName() + " '" + id
                + "' in catalog '" + catalog + "'");
    }
}
