package org.attune.core.model.kinds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.attune.core.json.Json;
import org.attune.core.model.CatalogView;
import org.attune.core.model.Interactions;
import org.attune.core.model.ModelDefinition;
import org.attune.core.model.ModelKind;
import org.attune.core.model.ModelKinds;
import org.attune.core.model.ModelParams;
import org.attune.core.model.TrainedModel;
import org.attune.core.model.TrainingInput;
import org.attune.core.model.affinity.AffinityKind;
import org.attune.core.model.sequence.SequenceInit;
import org.attune.core.model.sequence.SequenceKind;
import org.attune.core.validation.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every registered kind must do, whatever it is: a new kind passes this suite by being
 * listed in {@link BuiltInKinds}. The sequence kind learns here with the seeded initial
 * weights ({@link SequenceInit}), since learning proper needs module attune-sequence.
 */
class ModelKindContractTest {
    /** The registry, with a sequence learner that keeps the seeded initial weights. */
    private static final ModelKinds KINDS = BuiltInKinds.ALL.with(new SequenceKind(
            (itemCount, sequences, times, params, start, progress) -> SequenceInit.random(itemCount, params, params.seed())));

    @TempDir
    Path dir;

    static Stream<String> kinds() {
        return BuiltInKinds.ALL.all().stream().map(ModelKind::name);
    }

    /** Eight people over six products in two taste groups, over two days; products a* share a brand. */
    private static Interactions tinyData() {
        Interactions.Builder builder = Interactions.builder();
        long day = 86_400;
        for (int p = 0; p < 8; p++) {
            String group = p % 2 == 0 ? "a" : "b";
            for (int k = 0; k < 3; k++) {
                builder.add("p" + p, group + ((p + k) % 3), 1 + k, 1_700_000_000L + p * 3_600L + k * day / 2);
            }
        }
        return builder.build();
    }

    private static final CatalogView CATALOG = new CatalogView(List.of("a0", "a1", "a2", "b0", "b1", "b2", "c0"),
            id -> List.of("brand\u001F" + id.charAt(0)));

    @ParameterizedTest
    @MethodSource("kinds")
    void hasANameALabelAndADescription(String name) {
        ModelKind<?> kind = KINDS.get(name);

        assertThat(kind.name()).isEqualTo(name).matches("[a-z][a-z0-9_]*");
        assertThat(kind.label()).isNotBlank().isNotEqualTo(name);
        assertThat(kind.description()).isNotBlank();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void itsDefaultsAreItsParamsAndWhatAnEmptyParamsObjectReads(String name) {
        ModelKind<?> kind = KINDS.get(name);
        List<Problem> problems = new ArrayList<>();

        assertThat(kind.defaults()).isInstanceOf(kind.paramsType());
        assertThat(KINDS.readParams(kind, null, problems)).isEqualTo(kind.defaults());
        assertThat(KINDS.readParams(kind, Json.MAPPER.createObjectNode(), problems)).isEqualTo(kind.defaults());
        assertThat(problems).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void paramsRoundTripThroughTheJsonTheApiShows(String name) {
        ModelKind<?> kind = KINDS.get(name);
        JsonNode shown = Json.MAPPER.valueToTree(kind.defaults());
        List<Problem> problems = new ArrayList<>();

        ModelParams read = KINDS.readParams(kind, shown, problems);

        assertThat(problems).isEmpty();
        assertThat(read).isEqualTo(kind.defaults());
        assertThat(shown.size()).as("every field of the record is shown").isEqualTo(kind.paramsType()
                .getRecordComponents().length);
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void everyBadFieldIsReportedByNameWithItsDefault(String name) {
        ModelKind<?> kind = KINDS.get(name);
        ObjectNode bad = Json.MAPPER.createObjectNode();
        Json.MAPPER.valueToTree(kind.defaults()).fieldNames().forEachRemaining(field -> bad.put(field, true));
        bad.put("noSuchParam", 1);
        List<Problem> problems = new ArrayList<>();

        assertThat(KINDS.readParams(kind, bad, problems)).isEqualTo(kind.defaults());

        assertThat(problems).extracting(Problem::path).containsExactlyInAnyOrderElementsOf(
                Stream.concat(Json.MAPPER.valueToTree(kind.defaults()).properties().stream().map(Map.Entry::getKey),
                        Stream.of("noSuchParam")).map(field -> "params." + field).toList());
        for (Problem problem : problems) {
            String field = problem.path().substring("params.".length());
            assertThat(problem.message()).as(problem.path()).contains(field);
            if (!field.equals("noSuchParam")) {
                assertThat(problem.message()).as(problem.path()).contains("(default ");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void itsParamsRecordRefusesEachFieldOutOfRangeNamingTheField(String name) throws ReflectiveOperationException {
        ModelKind<?> kind = KINDS.get(name);
        RecordComponent[] fields = kind.paramsType().getRecordComponents();
        Constructor<?> constructor = kind.paramsType().getDeclaredConstructor(
                Stream.of(fields).map(RecordComponent::getType).toArray(Class<?>[]::new));
        for (int bad = 0; bad < fields.length; bad++) {
            Object[] values = new Object[fields.length];
            for (int i = 0; i < fields.length; i++) {
                values[i] = fields[i].getAccessor().invoke(kind.defaults());
            }
            Class<?> type = fields[bad].getType();
            values[bad] = type == double.class ? (Object) Double.NaN : type == int.class ? (Object) Integer.MIN_VALUE
                    : type == long.class ? (Object) Long.MIN_VALUE : "no such option";
            String field = fields[bad].getName();

            assertThatThrownBy(() -> construct(constructor, values)).as(name + "." + field)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(field + " must be");
        }
    }

    private static Object construct(Constructor<?> constructor, Object[] values) throws Throwable {
        try {
            return constructor.newInstance(values);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aTinyTrainedModelReadsBackFromItsArtifactScoringAlike(String name) throws IOException {
        ModelKind<?> kind = KINDS.get(name);
        Interactions data = tinyData();
        ModelDefinition definition = new ModelDefinition("m", "shop", name, List.of(), kind.defaults());

        TrainedModel trained = KINDS.train(definition, new TrainingInput(data, CATALOG));
        Path file = dir.resolve(name + ".bin");
        trained.save(file, KINDS);
        TrainedModel read = TrainedModel.load(file, KINDS);

        assertThat(trained.productIds()).startsWith(data.itemId(0), data.itemId(1));
        assertThat(read.method()).isEqualTo(trained.method());
        assertThat(read.productIds()).containsExactly(trained.productIds());
        int[] person = {0, 2};
        float[] values = {1, 2};
        float[] before = new float[trained.scorer().itemCount()];
        float[] after = new float[read.scorer().itemCount()];
        trained.scorer().score(person, values, person.length, before);
        read.scorer().score(person, values, person.length, after);
        assertThat(after).containsExactly(before);
        assertThat(KINDS.productProfiles(definition, read)).isEqualTo(KINDS.productProfiles(definition, trained));
        assertThat(KINDS.recencyHalfLifeDays(definition)).isPositive();
        assertThat(kind.matchedValues(read.scorer(), 1, person, person.length)).isNotNull();
    }

    @Test
    void theRegistryRefusesTwoKindsOfOneNameAndReplacesOnlyAKindItHas() {
        assertThatThrownBy(() -> ModelKinds.of(new AffinityKind(), new AffinityKind()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two kinds are named 'affinity'");
        assertThat(BuiltInKinds.ALL.with(new AffinityKind()).all()).extracting(ModelKind::name)
                .containsExactlyElementsOf(BuiltInKinds.ALL.all().stream().map(ModelKind::name).toList());
        assertThatThrownBy(() -> ModelKinds.of(new SequenceKind()).with(new AffinityKind()))
                .hasMessageContaining("no kind 'affinity'");
    }

    @Test
    void aKindWithoutItsLearnerIsServedButNotTrained() {
        ModelDefinition definition = new ModelDefinition("m", "shop", "sequence", List.of(),
                BuiltInKinds.ALL.get("sequence").defaults());

        assertThatThrownBy(() -> BuiltInKinds.ALL.train(definition, new TrainingInput(tinyData(), CATALOG)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("attune-sequence");
    }
}
