package org.attune.core.model.kinds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.attune.core.model.CatalogView;
import org.attune.core.model.Interactions;
import org.attune.core.model.ModelDefinition;
import org.attune.core.model.ModelParams;
import org.attune.core.model.TrainedModel;
import org.attune.core.model.TrainingInput;
import org.attune.core.model.affinity.AffinityParams;
import org.attune.core.model.collaborative.CollaborativeParams;
import org.attune.core.model.cooccurrence.CoOccurrenceParams;
import org.attune.core.model.sequence.SequenceInit;
import org.attune.core.model.sequence.SequenceModel;
import org.attune.core.model.sequence.SequenceParams;
import org.attune.core.model.sequence.SequenceProfiles;
import org.attune.core.model.trending.TrendingParams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainedModelTest {
    @TempDir
    Path dir;

    /** 200 people over 40 products in four taste groups, with times over ten days. */
    private static Interactions data() {
        SplittableRandom random = new SplittableRandom(3);
        Interactions.Builder builder = Interactions.builder();
        for (int p = 0; p < 200; p++) {
            int group = p % 4;
            for (int k = 0; k < 6; k++) {
                builder.add("u" + p, "i" + (group * 10 + random.nextInt(10)), 1 + random.nextInt(3),
                        1_700_000_000L + random.nextInt(864_000));
            }
        }
        return builder.build();
    }

    private static CollaborativeParams collaborative(String method) {
        CollaborativeParams d = CollaborativeParams.DEFAULTS;
        return new CollaborativeParams(method, 50, d.maxEaseItems(), 8, 5, d.regularization(), d.alpha(),
                d.easeActivityExponent(), d.easeDropout(), d.regularizationExponent(), d.alsShare());
    }

    @Test
    void everyKindOfScorerReadsBackScoringExactlyAsItWasSaved() throws IOException {
        Interactions data = data();
        List<String> catalog = new ArrayList<>();
        for (int i = 0; i < 45; i++) {
            catalog.add("i" + i);
        }
        CatalogView view = new CatalogView(catalog,
                id -> List.of("group\u001F" + Integer.parseInt(id.substring(1)) / 10));
        List<ModelParams> params = List.of(AffinityParams.DEFAULTS, CoOccurrenceParams.DEFAULTS,
                TrendingParams.DEFAULTS, collaborative("ease"), collaborative("als"), collaborative("blend"));
        int[] person = {0, 3, 7};
        float[] values = {1, 2, 1};
        for (ModelParams param : params) {
            String kind = BuiltInKinds.ALL.all().stream().filter(k -> k.paramsType().isInstance(param)).findFirst()
                    .orElseThrow().name();
            ModelDefinition definition = new ModelDefinition("m", "shop", kind, List.of(), param);
            TrainedModel trained = BuiltInKinds.ALL.train(definition, new TrainingInput(data, view));
            Path file = dir.resolve(param.getClass().getSimpleName() + ".bin");
            assertThat(trained.save(file, BuiltInKinds.ALL)).isEqualTo(Files.size(file)).isPositive();
            TrainedModel read = TrainedModel.load(file, BuiltInKinds.ALL);

            assertThat(read.method()).isEqualTo(trained.method());
            assertThat(read.productIds()).containsExactly(trained.productIds());
            float[] before = new float[trained.scorer().itemCount()];
            float[] after = new float[read.scorer().itemCount()];
            trained.scorer().score(person, values, person.length, before);
            read.scorer().score(person, values, person.length, after);
            assertThat(after).as(trained.method()).containsExactly(before);
        }
        // a sequence model (its weights drawn at random: the file format does not depend on training)
        SequenceModel learned = SequenceInit.random(data.itemCount(), SequenceParams.DEFAULTS.withShape(8, 16, 2,
                2), 7);
        TrainedModel sequence = SequenceProfiles.assign(learned, data, view, 2, "sequence");
        Path file = dir.resolve("sequence.bin");
        sequence.save(file, BuiltInKinds.ALL);
        TrainedModel read = TrainedModel.load(file, BuiltInKinds.ALL);
        assertThat(read.productIds()).containsExactly(sequence.productIds());
        float[] before = new float[sequence.scorer().itemCount()];
        float[] after = new float[read.scorer().itemCount()];
        sequence.scorer().score(person, values, person.length, before);
        read.scorer().score(person, values, person.length, after);
        assertThat(after).containsExactly(before);
        assertThat(((SequenceModel) read.scorer()).stateCounts())
                .containsExactly(((SequenceModel) sequence.scorer()).stateCounts());
    }

    @Test
    void aFileThatIsNoArtifactIsRefused() throws IOException {
        Path file = Files.writeString(dir.resolve("junk.bin"), "not a model");
        assertThatThrownBy(() -> TrainedModel.load(file, BuiltInKinds.ALL)).isInstanceOf(IOException.class);
    }
}
