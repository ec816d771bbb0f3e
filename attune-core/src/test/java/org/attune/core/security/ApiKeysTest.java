package org.attune.core.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.attune.core.storage.memory.InMemoryStorage;
import org.attune.core.validation.InvalidInputException;
import org.attune.core.validation.NotFoundException;
import org.junit.jupiter.api.Test;

class ApiKeysTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    private final InMemoryStorage storage = new InMemoryStorage();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final ApiKeys keys = new ApiKeys(storage.apiKeys(), clock);

    @Test
    void aCreatedSecretAuthenticatesWithItsRole() {
        assertThat(keys.anyActive()).isFalse();

        ApiKeys.CreatedKey created = keys.create("web tracker", Role.INGEST);

        assertThat(created.secret()).startsWith(ApiKeys.SECRET_PREFIX).hasSizeGreaterThan(40);
        assertThat(keys.authenticate(created.secret())).hasValueSatisfying(key -> {
            assertThat(key.id()).isEqualTo(created.key().id());
            assertThat(key.name()).isEqualTo("web tracker");
            assertThat(key.role()).isEqualTo(Role.INGEST);
            assertThat(key.createdAt()).isEqualTo(NOW);
            assertThat(key.active()).isTrue();
        });
        assertThat(keys.isKnownSecret(created.secret())).isTrue();
        assertThat(keys.anyActive()).isTrue();
    }

    @Test
    void otherSecretsDoNotAuthenticate() {
        ApiKeys.CreatedKey created = keys.create("admin", Role.ADMIN);

        assertThat(keys.authenticate(created.secret() + "x")).isEmpty();
        assertThat(keys.authenticate(created.secret().substring(0, created.secret().length() - 1))).isEmpty();
        assertThat(keys.authenticate(created.key().secretHash())).isEmpty();
        assertThat(keys.authenticate("")).isEmpty();
        assertThat(keys.authenticate(null)).isEmpty();
    }

    @Test
    void eachKeyGetsItsOwnSecretAndId() {
        ApiKeys.CreatedKey a = keys.create("a", Role.INGEST);
        ApiKeys.CreatedKey b = keys.create("b", Role.INGEST);

        assertThat(a.secret()).isNotEqualTo(b.secret());
        assertThat(a.key().id()).isNotEqualTo(b.key().id());
        assertThat(keys.authenticate(b.secret()).orElseThrow().name()).isEqualTo("b");
    }

    @Test
    void aRevokedKeyNoLongerAuthenticates() {
        ApiKeys.CreatedKey revoked = keys.create("old", Role.ADMIN);
        ApiKeys.CreatedKey kept = keys.create("new", Role.ADMIN);

        ApiKey result = keys.revoke(revoked.key().id());

        assertThat(result.active()).isFalse();
        assertThat(result.revokedAt()).isEqualTo(NOW);
        assertThat(keys.authenticate(revoked.secret())).isEmpty();
        assertThat(keys.authenticate(kept.secret())).isPresent();
        assertThat(keys.list()).extracting(ApiKey::name, ApiKey::active)
                .containsExactly(org.assertj.core.api.Assertions.tuple("old", false),
                        org.assertj.core.api.Assertions.tuple("new", true));
        assertThat(keys.revoke(revoked.key().id()).revokedAt()).as("revoking twice keeps the first time").isEqualTo(NOW);
        assertThatThrownBy(() -> keys.revoke("key_missing"))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.code()).isEqualTo("key_not_found"));
    }

    @Test
    void keysStillAuthenticateThroughANewInstanceOverTheSameStore() {
        ApiKeys.CreatedKey ingest = keys.create("tracker", Role.INGEST);
        ApiKeys.CreatedKey revoked = keys.create("leaked", Role.ADMIN);
        keys.revoke(revoked.key().id());

        ApiKeys restarted = new ApiKeys(storage.apiKeys(), clock);

        assertThat(restarted.authenticate(ingest.secret())).map(ApiKey::role).contains(Role.INGEST);
        assertThat(restarted.authenticate(revoked.secret())).isEmpty();
        assertThat(restarted.anyActive()).isTrue();
    }

    @Test
    void onlyAHashOfTheSecretIsStored() {
        ApiKeys.CreatedKey created = keys.create("tracker", Role.INGEST);

        assertThat(storage.apiKeys().list()).singleElement().satisfies(stored -> {
            assertThat(stored.toString()).doesNotContain(created.secret());
            assertThat(stored.secretHash()).doesNotContain(created.secret()).matches("[0-9a-f]{64}");
            assertThat(stored.prefix()).hasSize(8);
            assertThat(created.secret()).startsWith(stored.prefix());
        });
    }

    @Test
    void anOperatorChosenSecretWorksWhenLongEnough() {
        ApiKeys.CreatedKey created = keys.createWithSecret("bootstrap", Role.ADMIN, "a-long-enough-secret");

        assertThat(keys.authenticate("a-long-enough-secret")).map(ApiKey::id).contains(created.key().id());
        assertThatThrownBy(() -> keys.createWithSecret("bootstrap", Role.ADMIN, "too-short"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.code()).isEqualTo("weak_secret"));
    }

    @Test
    void aKeyNeedsAName() {
        assertThatThrownBy(() -> keys.create(" ", Role.INGEST))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.code()).isEqualTo("invalid_key"));
        assertThatThrownBy(() -> keys.create("n".repeat(ApiKeys.MAX_NAME_LENGTH + 1), Role.INGEST))
                .isInstanceOf(InvalidInputException.class);
        assertThat(storage.apiKeys().list()).isEmpty();
    }

    @Test
    void adminAllowsEverythingAndIngestOnlyIngest() {
        assertThat(Role.ADMIN.allows(Role.ADMIN)).isTrue();
        assertThat(Role.ADMIN.allows(Role.INGEST)).isTrue();
        assertThat(Role.INGEST.allows(Role.INGEST)).isTrue();
        assertThat(Role.INGEST.allows(Role.ADMIN)).isFalse();
        assertThat(Role.fromJsonName("ingest")).contains(Role.INGEST);
        assertThat(Role.fromJsonName("Admin")).isEmpty();
        assertThat(Role.ADMIN.jsonName()).isEqualTo("admin");
    }
}
