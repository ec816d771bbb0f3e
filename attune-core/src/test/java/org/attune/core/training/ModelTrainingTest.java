package org.attune.core.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.attune.core.event.Event;
import org.attune.core.json.Json;
import org.attune.core.model.CatalogView;
import org.attune.core.model.ModelService;
import org.attune.core.model.ModelStatus;
import org.attune.core.model.ModelVersion;
import org.attune.core.model.StoredModel;
import org.attune.core.model.kinds.BuiltInKinds;
import org.attune.core.storage.memory.InMemoryStorage;
import org.attune.core.validation.ConflictException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelTrainingTest {
    private static final long DAY = 86_400_000L;
    private static final long T0 = Instant.parse("2026-11-01T00:00:00Z").toEpochMilli();

    @TempDir
    Path artifacts;
    private final InMemoryStorage storage = new InMemoryStorage();
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-22T00:00:00Z"), ZoneOffset.UTC);
    private final ModelService models = new ModelService(storage.models(), catalog -> true, BuiltInKinds.ALL, clock);
    private final List<Event> log = new ArrayList<>();
    private CountDownLatch gate;
    private ModelTraining training;

    /**
     * The events as a log that can hold the reader at its first event until the gate opens
     * (readers in the models lane only, so that the setups lane can be seen to go on).
     */
    private final EventSource events = new EventSource() {
        @Override
        public long lastSeq() {
            return log.size();
        }

        @Override
        public void read(long throughSeq, Consumer<Event> sink) {
            for (Event event : log) {
                if (gate != null && Thread.currentThread().getName().equals("model-training")) {
                    try {
                        gate.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                if (event.seq() <= throughSeq) {
                    sink.accept(event);
                }
            }
        }
    };

    @AfterEach
    void close() {
        if (training != null) {
            training.close();
        }
    }

    private ModelTraining training() {
        return new ModelTraining(models, storage.modelVersions(), artifacts, events, Event::anonymousId,
                catalog -> new CatalogView(List.of(), id -> List.of()), BuiltInKinds.ALL, clock);
    }

    private void view(String person, String item, long time) {
        log.add(new Event(log.size() + 1, null, "view", time, person, null, "shop", List.of(item),
                Json.MAPPER.createObjectNode(), Json.MAPPER.createObjectNode(), time));
    }

    /**
     * 180 people in 30 groups, each back three days later: people of group g view products
     * g-0 and g-1 first, and g-2 when they come back; the co-occurrence model (one basket per
     * week) must find g-2 for the people who come back after the holdout's cut.
     */
    private void returningPeople() {
        for (int p = 0; p < 180; p++) {
            String group = "g" + (p % 30);
            view("a-" + p, group + "-0", T0 + p * 60_000L);
            view("a-" + p, group + "-1", T0 + p * 60_000L + 1_000);
        }
        for (int p = 0; p < 180; p++) {
            String group = "g" + (p % 30);
            view("a-" + p, group + "-2", T0 + 3 * DAY + p * 60_000L);
        }
    }

    private StoredModel create(String kind, String params) throws Exception {
        JsonNode definition = Json.MAPPER.readTree("""
                {"name": "m", "catalog": "shop", "kind": "%s",
                 "signals": [{"name": "views", "eventType": "view", "productIdPath": "itemId", "weight": 1}],
                 "params": %s}""".formatted(kind, params));
        return models.create(definition);
    }

    private StoredModel await(String id, Predicate<StoredModel> condition) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            StoredModel model = models.get(id);
            if (condition.test(model) && training.progress(id).isEmpty()) {
                return model;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("not reached: " + models.get(id));
    }

    @Test
    void aVersionRecordsItsDataAndItsAccuracyOnATimeHoldoutNextToPopularity() throws Exception {
        returningPeople();
        training = training();
        StoredModel model = create("co_occurrence", "{\"minSupport\": 1, \"sessionGapMinutes\": 10080}");
        training.provision(model.id());
        StoredModel running = await(model.id(), m -> m.status() == ModelStatus.RUNNING);

        ModelVersion version = training.versions(model.id()).get(0);
        assertThat(running.activeVersion()).isEqualTo(1);
        assertThat(version.data().events()).isEqualTo(540);
        assertThat(version.data().people()).isEqualTo(180);
        assertThat(version.data().products()).isEqualTo(90);
        assertThat(version.data().interactions()).isEqualTo(540);
        assertThat(version.data().throughSeq()).isEqualTo(540);
        assertThat(version.data().lastEventAt()).isEqualTo(Instant.ofEpochMilli(T0 + 3 * DAY + 179 * 60_000L));
        ModelVersion.OfflineMetrics metrics = version.metrics();
        assertThat(metrics).isNotNull();
        assertThat(metrics.testPeople()).isPositive();
        assertThat(metrics.hitRate10()).as("g-2 follows g-0 and g-1 in the visits before the cut").isGreaterThan(
                metrics.popularityHitRate10());
        assertThat(training.served(model.id()).orElseThrow().version().version()).isEqualTo(1);
    }

    @Test
    void stoppingDuringTrainingAbandonsItAndARestartResumesInterruptedProvisioning() throws Exception {
        returningPeople();
        gate = new CountDownLatch(1);
        training = training();
        StoredModel model = create("trending", "{}");
        training.provision(model.id());
        assertThat(training.progress(model.id())).isPresent();
        training.stop(model.id());
        gate.countDown();
        StoredModel stopped = await(model.id(), m -> true);
        assertThat(stopped.status()).isEqualTo(ModelStatus.DRAFT);
        assertThat(training.versions(model.id())).as("the abandoned training saved nothing").isEmpty();
        assertThatThrownBy(() -> training.retrain(model.id())).isInstanceOf(ConflictException.class);

        // The server stops while provisioning; the next one trains it again.
        gate = new CountDownLatch(1);
        training.provision(model.id());
        training.close();
        gate.countDown();
        assertThat(models.get(model.id()).status()).isEqualTo(ModelStatus.PROVISIONING);
        gate = null;
        training = training();
        training.resume();
        assertThat(await(model.id(), m -> m.status() == ModelStatus.RUNNING).activeVersion()).isEqualTo(1);
    }

    @Test
    void aSetupRunTrainsInItsOwnLaneWhileALongModelTrainingIsUnderWay() throws Exception {
        returningPeople();
        gate = new CountDownLatch(1);
        training = training();
        StoredModel slow = create("trending", "{}");
        training.provision(slow.id());
        StoredModel setup = create("co_occurrence", "{\"minSupport\": 1}");
        training.provision(setup.id(), ModelTraining.Lane.SETUPS);

        assertThat(await(setup.id(), m -> m.status() == ModelStatus.RUNNING).activeVersion()).isEqualTo(1);
        assertThat(training.progress(slow.id())).as("still held in the models lane").isPresent();
        StoredModel queued = create("co_occurrence", "{\"minSupport\": 1}");
        training.provision(queued.id());
        assertThat(training.progress(queued.id()).orElseThrow().phase()).as("behind the held training")
                .isEqualTo("queued");
        gate.countDown();
        assertThat(await(slow.id(), m -> m.status() == ModelStatus.RUNNING).activeVersion()).isEqualTo(1);
        assertThat(await(queued.id(), m -> m.status() == ModelStatus.RUNNING).activeVersion()).isEqualTo(1);
    }

    @Test
    void onlyTheNewestVersionsKeepTheirArtifactsSoOlderOnesCannotBeServedAgain() throws Exception {
        returningPeople();
        training = training();
        StoredModel model = create("trending", "{}");
        training.provision(model.id());
        await(model.id(), m -> m.status() == ModelStatus.RUNNING);
        for (int version = 2; version <= ModelTraining.KEPT_ARTIFACTS + 1; version++) {
            training.retrain(model.id());
            int expected = version;
            await(model.id(), m -> m.activeVersion() == expected);
        }
        assertThat(training.versions(model.id())).hasSize(ModelTraining.KEPT_ARTIFACTS + 1);
        assertThat(artifacts.resolve(model.id()).resolve("v1.bin")).doesNotExist();
        assertThat(artifacts.resolve(model.id()).resolve("v2.bin")).exists();
        assertThatThrownBy(() -> training.rollback(model.id(), 1)).isInstanceOf(ConflictException.class)
                .hasMessageContaining("can no longer be served");
        assertThat(training.rollback(model.id(), 2).activeVersion()).isEqualTo(2);
        assertThat(training.served(model.id()).orElseThrow().version().version()).isEqualTo(2);
    }
}
