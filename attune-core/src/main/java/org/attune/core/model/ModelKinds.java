package org.attune.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.attune.core.validation.Problem;

/**
 * The model kinds an installation knows, by the short names the API uses, and everything
 * done with a kind chosen by name: reading a definition's params, training, keeping trained
 * scorers in artifact files by their tags, and the request-time needs of a served version.
 * The list itself is {@code model.kinds.BuiltInKinds.ALL}, one line per kind; the wiring may
 * replace a kind by one configured otherwise ({@link #with}, e.g. the sequence kind with its
 * learner). An unknown kind is refused when a model is saved, never at request time; two
 * kinds of one name or two scorer formats of one tag are refused when the registry is built.
 * Immutable and thread-safe.
 */
public final class ModelKinds implements ScorerFormat.Nested {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    private final Map<String, ModelKind<?>> kinds = new LinkedHashMap<>();
    private final Map<String, ScorerFormat<?>> byTag = new HashMap<>();
    private final Map<Class<?>, ScorerFormat<?>> byType = new HashMap<>();

    private ModelKinds(List<ModelKind<?>> list) {
        addFormat(PopularityModel.FORMAT);
        for (ModelKind<?> kind : list) {
            if (kind.name() == null || !NAME.matcher(kind.name()).matches()) {
                throw new IllegalArgumentException("a kind's name must be 1 to 64 lower-case letters, digits and '_',"
                        + " starting with a letter, got '" + kind.name() + "'");
            }
            if (kinds.putIfAbsent(kind.name(), kind) != null) {
                throw new IllegalArgumentException("two kinds are named '" + kind.name() + "'");
            }
            if (kind.label() == null || kind.label().isBlank() || kind.description() == null
                    || kind.description().isBlank()) {
                throw new IllegalArgumentException("kind '" + kind.name() + "' needs a label and a description");
            }
            kind.scorerFormats().forEach(this::addFormat);
        }
    }

    private void addFormat(ScorerFormat<?> format) {
        if (byTag.putIfAbsent(format.tag(), format) != null) {
            throw new IllegalArgumentException("two scorer formats are tagged '" + format.tag() + "'");
        }
        if (byType.putIfAbsent(format.type(), format) != null) {
            throw new IllegalArgumentException("two scorer formats write " + format.type().getSimpleName());
        }
    }

    /** A registry of these kinds, listed in this order. @throws IllegalArgumentException as the class says */
    public static ModelKinds of(ModelKind<?>... kinds) {
        return new ModelKinds(List.of(kinds));
    }

    /** The same kinds with {@code replacement} in place of the kind of its name. */
    public ModelKinds with(ModelKind<?> replacement) {
        if (!kinds.containsKey(replacement.name())) {
            throw new IllegalArgumentException("no kind '" + replacement.name() + "' to replace; known: "
                    + kinds.keySet());
        }
        List<ModelKind<?>> list = new ArrayList<>(kinds.values());
        list.replaceAll(kind -> kind.name().equals(replacement.name()) ? replacement : kind);
        return new ModelKinds(list);
    }

    /** Every kind, in the registry's order. */
    public List<ModelKind<?>> all() {
        return List.copyOf(kinds.values());
    }

    public Optional<ModelKind<?>> find(String name) {
        return Optional.ofNullable(name == null ? null : kinds.get(name));
    }

    /** @throws IllegalArgumentException for an unknown name */
    public ModelKind<?> get(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("unknown kind '" + name + "'; known: "
                + kinds.keySet()));
    }

    /** Why a kind name cannot be used, or empty when it can. */
    Optional<String> refusal(String name) {
        if (name == null || name.isBlank()) {
            return Optional.of("kind is required: one of " + kinds.keySet());
        }
        if (!kinds.containsKey(name)) {
            return Optional.of("unknown kind '" + name + "'; known: " + kinds.keySet());
        }
        return Optional.empty();
    }

    /**
     * The kind's params read from {@code json} (null: every default), a problem added to
     * {@code problems} for every bad or unknown field (with path {@code params.<field>}).
     */
    public ModelParams readParams(ModelKind<?> kind, JsonNode json, List<Problem> problems) {
        ParamsReader reader = new ParamsReader(json, problems);
        ModelParams params = kind.readParams(reader);
        reader.refuseUnknown(kind.name());
        return params;
    }

    /** Trains the definition's kind with its params. */
    public TrainedModel train(ModelDefinition definition, TrainingInput input) {
        return train(get(definition.kind()), definition.params(), input);
    }

    private static <P extends ModelParams> TrainedModel train(ModelKind<P> kind, ModelParams params,
                                                              TrainingInput input) {
        return kind.train(kind.cast(params), input);
    }

    /** The definition's kind's product profile counts of a version it trained, or null (see {@link ModelKind}). */
    public ModelVersion.ProductProfiles productProfiles(ModelDefinition definition, TrainedModel trained) {
        return productProfiles(get(definition.kind()), definition.params(), trained);
    }

    private static <P extends ModelParams> ModelVersion.ProductProfiles productProfiles(
            ModelKind<P> kind, ModelParams params, TrainedModel trained) {
        return kind.productProfiles(kind.cast(params), trained);
    }

    /** The half-life in days with which requests decay a person's events for the definition (infinite: none). */
    public double recencyHalfLifeDays(ModelDefinition definition) {
        return recencyHalfLifeDays(get(definition.kind()), definition.params());
    }

    private static <P extends ModelParams> double recencyHalfLifeDays(ModelKind<P> kind, ModelParams params) {
        return kind.recencyHalfLifeDays(kind.cast(params));
    }

    /** Writes the scorer's tag and data. @throws IllegalArgumentException for a scorer no kind keeps */
    @Override
    public void write(DataOutputStream out, ItemScorer scorer) throws IOException {
        ScorerFormat<?> format = byType.get(scorer.getClass());
        if (format == null) {
            throw new IllegalArgumentException("cannot save a " + scorer.getClass().getSimpleName());
        }
        out.writeUTF(format.tag());
        format.write(scorer, out, this);
    }

    /** Reads a scorer written by {@link #write}. @throws IOException for a tag no kind knows */
    @Override
    public ItemScorer read(DataInputStream in) throws IOException {
        String tag = in.readUTF();
        ScorerFormat<?> format = byTag.get(tag);
        if (format == null) {
            throw new IOException("unknown scorer '" + tag + "' in a model artifact");
        }
        return format.reader().read(in, this);
    }
}
