package org.attune.core.model.rp3beta;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.attune.core.json.Json;
import org.attune.core.model.CatalogView;
import org.attune.core.model.Interactions;
import org.attune.core.model.ModelDefinition;
import org.attune.core.model.ModelParams;
import org.attune.core.model.TrainedModel;
import org.attune.core.model.TrainingInput;
import org.attune.core.model.kinds.BuiltInKinds;
import org.attune.core.validation.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kind as the server and {@code attune evaluate} reach it: by name, through the registry. */
class Rp3BetaKindTest {

    @TempDir
    Path dir;

    @Test
    void itIsRegisteredAndReadsItsParamsFromTheApisJson() throws IOException {
        List<Problem> problems = new ArrayList<>();

        ModelParams read = BuiltInKinds.ALL.readParams(BuiltInKinds.ALL.get("rp3beta"), Json.MAPPER.readTree(
                "{\"alpha\": 0.5, \"beta\": 0, \"rowWeights\": \"raw\"}"), problems);

        assertThat(problems).isEmpty();
        assertThat(read).isEqualTo(new Rp3BetaParams(0.5, 0, 200, "raw"));
        BuiltInKinds.ALL.readParams(BuiltInKinds.ALL.get("rp3beta"), Json.MAPPER.readTree(
                "{\"beta\": 3, \"rowWeights\": true}"), problems);
        assertThat(problems).extracting(Problem::message).containsExactly(
                "beta must be a number from 0 to 2 (default 0.65)",
                "rowWeights must be one of [normalized, raw] (default normalized)");
    }

    @Test
    void trainedThroughTheRegistryItScoresAsItsTrainerAndSurvivesItsArtifact() throws IOException {
        Interactions data = Rp3BetaTrainerTest.randomData(60, 80, 6, 3);
        Rp3BetaParams params = Rp3BetaParams.DEFAULTS.withMaxNeighbors(20);
        ModelDefinition definition = new ModelDefinition("walk", "shop", "rp3beta", List.of(), params);
        List<String> products = List.of(new TrainingInput(data, null).productIds());

        TrainedModel trained = BuiltInKinds.ALL.train(definition, new TrainingInput(data,
                new CatalogView(products, id -> List.of())));
        Path file = dir.resolve("walk.bin");
        trained.save(file, BuiltInKinds.ALL);
        TrainedModel read = TrainedModel.load(file, BuiltInKinds.ALL);

        assertThat(read.method()).isEqualTo("rp3beta alpha=0.75 beta=0.65, 20 neighbours, normalized rows");
        assertThat(read.productIds()).containsExactlyElementsOf(products);
        Rp3BetaModel direct = new Rp3BetaTrainer(params, 1).train(data);
        int[] person = {3, 17, 40};
        float[] values = {1, 2, 1};
        float[] expected = new float[direct.itemCount()];
        float[] actual = new float[read.scorer().itemCount()];
        direct.score(person, values, person.length, expected);
        read.scorer().score(person, values, person.length, actual);
        assertThat(actual).containsExactly(expected);
        assertThat(BuiltInKinds.ALL.recencyHalfLifeDays(definition)).isInfinite();
    }
}
