package org.attune.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.attune.core.json.Json;
import org.attune.core.model.kinds.BuiltInKinds;
import org.attune.core.storage.memory.InMemoryStorage;
import org.attune.core.validation.ConflictException;
import org.junit.jupiter.api.Test;

class ModelServiceTest {
    private final InMemoryStorage storage = new InMemoryStorage();
    private final ModelService service = new ModelService(storage.models(), "shop"::equals, BuiltInKinds.ALL,
            Clock.fixed(Instant.parse("2026-11-22T00:00:00Z"), ZoneOffset.UTC));

    private static JsonNode definition() throws Exception {
        return Json.MAPPER.readTree("""
                {"name": "Trending", "catalog": "shop", "kind": "trending",
                 "signals": [{"name": "views", "eventType": "view", "productIdPath": "itemId", "weight": 1}]}""");
    }

    @Test
    void onlyDraftAndFailedModelsCanBeChangedOrDeleted() throws Exception {
        StoredModel draft = service.create(definition());
        StoredModel running = new StoredModel(draft.id(), draft.definition(), ModelStatus.RUNNING, null, 1,
                draft.createdAt(), draft.updatedAt());
        storage.models().put(running);

        assertThatThrownBy(() -> service.update(draft.id(), definition())).isInstanceOf(ConflictException.class)
                .hasMessageContaining("is running").hasMessageContaining("stop it first");
        assertThatThrownBy(() -> service.delete(draft.id())).isInstanceOf(ConflictException.class);

        storage.models().put(new StoredModel(draft.id(), draft.definition(), ModelStatus.FAILED, "no events",
                null, draft.createdAt(), draft.updatedAt()));
        StoredModel edited = service.update(draft.id(), definition());
        assertThat(edited.status()).as("a changed failed model is a draft again").isEqualTo(ModelStatus.DRAFT);
        assertThat(edited.failure()).isNull();
        assertThat(service.delete(draft.id()).id()).isEqualTo(draft.id());
        assertThat(service.list()).isEmpty();
    }
}
