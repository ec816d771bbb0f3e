package org.attune.core.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.attune.core.catalog.CatalogService;
import org.attune.core.catalog.LiveProducts;
import org.attune.core.catalog.Product;
import org.attune.core.evaluation.TopK;
import org.attune.core.model.ItemScorer;
import org.attune.core.model.ModelService;
import org.attune.core.model.ModelStatus;
import org.attune.core.model.PersonRows;
import org.attune.core.model.SparseItemScorer;
import org.attune.core.model.SparseScores;
import org.attune.core.model.StoredModel;
import org.attune.core.profile.LiveProfiles;
import org.attune.core.validation.ConflictException;

/**
 * Answers recommendation requests with a running model's active version. A person is read
 * from their live profile: each recent event of the model's catalog counts with the summed
 * weight of the model's signals for its type (decayed by the event's age with the half-life
 * of its kind, for kinds that decay them, as {@code affinity} does), towards the products the
 * profile recorded for it (the event's {@code itemId}/{@code itemIds}). A context product
 * ({@code itemId}) asks for products related to it. Products the catalog no longer holds or
 * marks unavailable are never returned, nor the context product, nor (unless asked otherwise)
 * the person's own products; products the model scores 0 or less are left out. Thread-safe.
 */
public final class ModelRecommender {
    private final ModelTraining training;
    private final ModelService models;
    private final LiveProfiles profiles;
    private final CatalogService catalogs;
    private final java.time.Clock clock;
    private final java.util.concurrent.ConcurrentLinkedDeque<Scratch> scratches =
            new java.util.concurrent.ConcurrentLinkedDeque<>();

    /**
     * One request.
     *
     * @param modelId the model
     * @param personId the person's user or anonymous id, or null
     * @param itemId a context product, or null
     * @param count how many products
     * @param excludeInteracted leave out the products the person interacted with
     * @param category only products with this value of the catalog's category attribute, or null
     */
    public record Request(String modelId, String personId, String itemId, int count, boolean excludeInteracted,
                          String category) {
    }

    /**
     * The answer.
     *
     * @param recId id of this answer, for {@code context.recId} of later events
     * @param modelId the model
     * @param version the version that answered
     * @param kind the model's kind
     * @param catalog its catalog
     * @param personId the person's internal id, or null
     * @param items best first
     */
    public record Answer(String recId, String modelId, int version, String kind, String catalog, Long personId,
                         List<Item> items) {
    }

    /**
     * One product.
     *
     * @param id product id
     * @param score the model's score
     * @param product the product as the catalog holds it
     * @param matched the person's attribute values it matches ({@code attribute:value}), for kinds
     *     that score by attributes such as affinity; empty otherwise
     */
    public record Item(String id, double score, Product product, List<String> matched) {
    }

    public ModelRecommender(ModelTraining training, ModelService models, LiveProfiles profiles,
                            CatalogService catalogs, java.time.Clock clock) {
        this.training = training;
        this.models = models;
        this.profiles = profiles;
        this.catalogs = catalogs;
        this.clock = clock;
    }

    /** The version of the model serving now, if it serves. */
    public java.util.OptionalInt servingVersion(String modelId) {
        return training.served(modelId).map(served -> java.util.OptionalInt.of(served.version().version()))
                .orElse(java.util.OptionalInt.empty());
    }

    public Answer recommend(Request request) {
        Long personId = null;
        List<LiveProfiles.Activity> activity = List.of();
        if (request.personId() != null) {
            personId = profiles.personId(request.personId()).orElse(null);
            activity = profiles.recentActivity(request.personId()).orElse(List.of());
        }
        return recommend(request, personId, activity);
    }

    /**
     * The same for a person given by their profile (live, or built for a preview); the
     * request's {@code personId} is not read.
     */
    public Answer recommend(Request request, LiveProfiles.Person person) {
        return recommend(request, person == null ? null : person.personId(),
                person == null ? List.of() : person.activity());
    }

    /**
     * The model's score of each product for the person (their recent events, as
     * {@link #recommend} reads them); NaN for a product the serving version does not know.
     */
    public double[] scoreProducts(String modelId, LiveProfiles.Person person, List<String> productIds) {
        ServedModel served = training.served(modelId).orElseThrow(() -> notServing(modelId));
        PersonInput input = readPerson(served, person == null ? null : person.personId(),
                person == null ? List.of() : person.activity());
        Scratch scratch = takeScratch();
        try {
            scratch.score(served.trained().scorer(), input.items, input.values);
            double[] result = new double[productIds.size()];
            for (int i = 0; i < result.length; i++) {
                int index = served.indexOf(productIds.get(i));
                result[i] = index < 0 ? Double.NaN : scratch.score(index);
            }
            return result;
        } finally {
            giveBack(scratch);
        }
    }

    private Answer recommend(Request request, Long personId, List<LiveProfiles.Activity> activity) {
        ServedModel served = training.served(request.modelId()).orElseThrow(() -> notServing(request.modelId()));
        String catalog = served.definition().catalog();
        if (!catalogs.exists(catalog)) {
            throw new ConflictException("catalog_gone", "The catalog '" + catalog + "' of model '" + request.modelId()
                    + "' no longer exists");
        }
        PersonInput input = readPerson(served, personId, activity);
        int context = request.itemId() == null ? -1 : served.indexOf(request.itemId());
        int[] items;
        float[] values;
        if (request.itemId() != null) {
            items = context < 0 ? new int[0] : new int[] {context};
            values = context < 0 ? new float[0] : new float[] {1f};
        } else {
            items = input.items;
            values = input.values;
        }
        List<Item> chosen;
        Scratch scratch = takeScratch();
        try {
            scratch.score(served.trained().scorer(), items, values);
            if (request.excludeInteracted()) {
                for (int item : input.items) {
                    scratch.exclude(item);
                }
            }
            if (context >= 0) {
                scratch.exclude(context);
            }
            scratch.gatherPositive();
            chosen = choose(served, catalog, request, scratch, items);
        } finally {
            giveBack(scratch);
        }
        return new Answer(UUID.randomUUID().toString(), request.modelId(), served.version().version(),
                served.definition().kind(), catalog, personId, List.copyOf(chosen));
    }

    /**
     * The person as the version's training saw them, then what they did since: their row of
     * the training's interactions (whole history, oldest first, each product with its value),
     * followed by their recent events of the model's catalog that the training had not read
     * (later in the log), each product with the summed weight of the model's signals for the
     * event's type. A product found in both counts once with both values, at its latest
     * place. Someone without a row (new since the training, or known by another person then)
     * is read from their recent events alone. Kinds that decay a person's events by age decay
     * each row product by the age of its latest interaction. The order, by each product's
     * latest event, is the one in which a sequence model saw them in training.
     */
    private PersonInput readPerson(ServedModel served, Long personId, List<LiveProfiles.Activity> activity) {
        double halfLifeMillis = served.recencyHalfLifeMillis();
        long now = clock.millis();
        String catalog = served.definition().catalog();
        PersonRows rows = served.rows();
        int row = personId == null || rows.personCount() == 0 ? -1 : rows.row(LiveProfiles.personKey(personId));
        long newerThan = row < 0 ? Long.MIN_VALUE : served.trainedThroughSeq();
        Map<Integer, Float> news = new java.util.LinkedHashMap<>();
        for (int e = activity.size() - 1; e >= 0; e--) {
            LiveProfiles.Activity event = activity.get(e);
            double weight = served.eventWeight(event.type());
            if (weight == 0 || event.seq() <= newerThan || !catalog.equals(event.catalog())) {
                continue;
            }
            float value = (float) (weight * decay(halfLifeMillis, now, event.timestamp()));
            for (String product : event.itemIds()) {
                int index = served.indexOf(product);
                if (index >= 0) {
                    Float earlier = news.remove(index);
                    news.put(index, earlier == null ? value : earlier + value);
                }
            }
        }
        int fromRow = row < 0 ? 0 : rows.end(row) - rows.start(row);
        int[] items = new int[fromRow + news.size()];
        float[] values = new float[items.length];
        int k = 0;
        int rowEnd = row < 0 ? 0 : rows.end(row);
        for (int at = row < 0 ? 0 : rows.start(row); at < rowEnd; at++) {
            float value = (float) (rows.value(at) * decay(halfLifeMillis, now, rows.time(at) * 1000));
            Float later = news.get(rows.item(at));
            if (later != null) {
                news.put(rows.item(at), later + value);
                continue;
            }
            items[k] = rows.item(at);
            values[k++] = value;
        }
        for (Map.Entry<Integer, Float> entry : news.entrySet()) {
            items[k] = entry.getKey();
            values[k++] = entry.getValue();
        }
        return new PersonInput(k == items.length ? items : java.util.Arrays.copyOf(items, k),
                k == values.length ? values : java.util.Arrays.copyOf(values, k));
    }

    /** What an event of this age counts: 1 for kinds that do not decay, else halved every half-life. */
    private static double decay(double halfLifeMillis, long now, long timestampMillis) {
        return Double.isInfinite(halfLifeMillis) ? 1
                : Math.pow(2, -Math.max(0, (double) now - timestampMillis) / halfLifeMillis);
    }

    /** A person's products (version indexes, distinct) and weights, oldest first, as scorers take them. */
    private record PersonInput(int[] items, float[] values) {
    }

    /**
     * The best products by score that the catalog holds and offers (and that match the category):
     * the top few times the count first, more when too many of those are filtered out.
     */
    private List<Item> choose(ServedModel served, String catalog, Request request, Scratch scratch, int[] items) {
        LiveProducts live = catalogs.liveProducts(catalog);
        String categoryAttribute = request.category() == null ? null : catalogs.categoryAttribute(catalog);
        List<Item> chosen = new ArrayList<>(request.count());
        int want = Math.min(scratch.size, request.count() * 2 + 16);
        int from = 0;
        while (true) {
            int[] ranked = TopK.of(scratch.ids, scratch.scores, scratch.size, want);
            for (int r = from; r < ranked.length && chosen.size() < request.count(); r++) {
                int index = scratch.ids[ranked[r]];
                String id = served.productId(index);
                Product product = live.get(id);
                if (product != null && product.id() != id) {
                    served.adoptCatalogId(index, product.id());
                }
                if (product != null && product.available()
                        && (categoryAttribute == null || product.hasValue(categoryAttribute, request.category()))) {
                    List<String> matched = served.matchedValues(index, items, items.length);
                    chosen.add(new Item(id, scratch.scores[ranked[r]], product, matched));
                }
            }
            if (chosen.size() >= request.count() || want >= scratch.size) {
                return chosen;
            }
            from = ranked.length;
            want = (int) Math.min(scratch.size, want * 8L);
        }
    }

    private Scratch takeScratch() {
        Scratch scratch = scratches.pollFirst();
        return scratch == null ? new Scratch() : scratch;
    }

    private void giveBack(Scratch scratch) {
        scratches.offerFirst(scratch);
    }

    /**
     * One request's working arrays, kept for the next request (there are as many as requests
     * ever ran at once), so that scoring a large catalog allocates nothing per request: a
     * neighbourhood model's scores of the products it reached, or a score for every product
     * from any other model, then the products scoring above 0 as a list.
     */
    private static final class Scratch {
        private final SparseScores sparse = new SparseScores();
        private float[] dense = new float[0];
        private boolean usedSparse;
        private int itemCount;
        private int[] ids = new int[64];
        private float[] scores = new float[64];
        private int size;

        void score(ItemScorer scorer, int[] items, float[] values) {
            int n = scorer.itemCount();
            itemCount = n;
            usedSparse = scorer instanceof SparseItemScorer;
            if (scorer instanceof SparseItemScorer neighbourhood) {
                sparse.clear();
                sparse.ensureCapacity(n);
                neighbourhood.score(items, values, items.length, sparse);
            } else {
                if (dense.length < n) {
                    dense = new float[n];
                }
                scorer.score(items, values, items.length, dense);
            }
        }

        float score(int product) {
            return usedSparse ? sparse.score(product) : dense[product];
        }

        /** Keeps the product out of the list {@link #gatherPositive} makes. */
        void exclude(int product) {
            if (usedSparse) {
                sparse.setIfTouched(product, Float.NEGATIVE_INFINITY);
            } else {
                dense[product] = Float.NEGATIVE_INFINITY;
            }
        }

        /**
         * Lists the products scoring above 0 in {@code ids} and {@code scores}. A sparse score is
         * taken (left 0), so a product noted twice is listed once.
         */
        void gatherPositive() {
            size = 0;
            if (usedSparse) {
                for (int t = 0; t < sparse.touchedCount(); t++) {
                    int product = sparse.touched(t);
                    append(product, sparse.take(product));
                }
            } else {
                for (int product = 0; product < itemCount; product++) {
                    append(product, dense[product]);
                }
            }
        }

        private void append(int product, float score) {
            if (!(score > 0)) {
                return;
            }
            if (size == ids.length) {
                ids = java.util.Arrays.copyOf(ids, size * 2);
                scores = java.util.Arrays.copyOf(scores, size * 2);
            }
            ids[size] = product;
            scores[size++] = score;
        }
    }

    private RuntimeException notServing(String modelId) {
        StoredModel model = models.get(modelId);
        String why = model.status() == ModelStatus.RUNNING ? "its active version is not loaded"
                : model.status() == ModelStatus.PROVISIONING ? "it is still provisioning (its first training)"
                : "it is " + model.status().jsonName() + "; provision it first";
        return new ConflictException("model_not_serving", "Model '" + modelId + "' cannot answer: " + why);
    }
}
