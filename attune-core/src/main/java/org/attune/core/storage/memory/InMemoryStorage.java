package org.attune.core.storage.memory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.attune.core.catalog.Catalog;
import org.attune.core.catalog.CatalogStore;
import org.attune.core.catalog.Product;
import org.attune.core.catalog.ProductChange;
import org.attune.core.catalog.ProductStore;
import org.attune.core.decisioning.DecisioningStore;
import org.attune.core.event.Event;
import org.attune.core.event.ForgottenIds;
import org.attune.core.event.Tombstone;
import org.attune.core.ingest.EventStore;
import org.attune.core.model.ModelStore;
import org.attune.core.model.ModelVersionStore;
import org.attune.core.model.StoredModel;
import org.attune.core.personalization.PersonalizationStore;
import org.attune.core.security.Account;
import org.attune.core.security.AccountStore;
import org.attune.core.security.ApiKey;
import org.attune.core.security.ApiKeyStore;
import org.attune.core.storage.Storage;
import org.attune.core.validation.ConflictException;

/** Every store in plain collections guarded by one lock. Nothing survives {@link #close()}. */
public final class InMemoryStorage implements Storage {
    private final Object lock = new Object();
    private final Map<String, Catalog> catalogs = new TreeMap<>();
    private final Map<String, TreeMap<String, Product>> products = new TreeMap<>();
    private final Map<String, List<ProductChange>> changes = new TreeMap<>();
    private final TreeMap<Long, Event> events = new TreeMap<>();
    private long eventsLoadedThrough;
    private long eventsSetAside;
    private final List<ApiKey> keys = new ArrayList<>();
    private final Map<String, Account> accounts = new TreeMap<>();

    private final CatalogStore catalogStore = new CatalogStore() {
        @Override
        public void create(Catalog catalog) {
            synchronized (lock) {
                if (catalogs.containsKey(catalog.id())) {
                    throw new ConflictException("catalog_exists", "A catalog with id '" + catalog.id() + "' already exists");
                }
                catalogs.put(catalog.id(), catalog);
            }
        }

        @Override
        public Optional<Catalog> find(String id) {
            synchronized (lock) {
                return Optional.ofNullable(catalogs.get(id));
            }
        }

        @Override
        public List<Catalog> list() {
            synchronized (lock) {
                return List.copyOf(catalogs.values());
            }
        }
    };

    private final ProductStore productStore = new ProductStore() {
        @Override
        public void write(String catalog, List<Product> upserts, List<String> removals, List<ProductChange> changeList) {
            synchronized (lock) {
                TreeMap<String, Product> map = products.computeIfAbsent(catalog, c -> new TreeMap<>());
                upserts.forEach(p -> map.put(p.id(), p));
                removals.forEach(map::remove);
                changes.computeIfAbsent(catalog, c -> new ArrayList<>()).addAll(changeList);
            }
        }

        @Override
        public Optional<Product> find(String catalog, String id) {
            synchronized (lock) {
                return Optional.ofNullable(products.getOrDefault(catalog, new TreeMap<>()).get(id));
            }
        }

        @Override
        public List<Product> page(String catalog, String afterId, int limit) {
            synchronized (lock) {
                TreeMap<String, Product> map = products.getOrDefault(catalog, new TreeMap<>());
                Map<String, Product> tail = afterId == null ? map : map.tailMap(afterId, false);
                return tail.values().stream().limit(limit).toList();
            }
        }

        @Override
        public void scan(String catalog, Consumer<Product> sink) {
            List<Product> copy;
            synchronized (lock) {
                copy = List.copyOf(products.getOrDefault(catalog, new TreeMap<>()).values());
            }
            copy.forEach(sink);
        }

        @Override
        public ChangeCounts changesSince(String catalog, Instant since) {
            synchronized (lock) {
                long added = 0;
                long changed = 0;
                long removed = 0;
                for (ProductChange change : changes.getOrDefault(catalog, List.of())) {
                    if (!change.at().isBefore(since)) {
                        switch (change.kind()) {
                            case ADDED -> added++;
                            case CHANGED -> changed++;
                            case REMOVED -> removed++;
                            default -> throw new IllegalStateException();
                        }
                    }
                }
                return new ChangeCounts(added, changed, removed);
            }
        }
    };

    private final EventStore eventStore = new EventStore() {
        @Override
        public void append(List<Event> batch) {
            synchronized (lock) {
                for (Event event : batch) {
                    if (event.seq() <= eventsLoadedThrough) {
                        continue;
                    }
                    eventsLoadedThrough = event.seq();
                    if (Tombstone.is(event)) {
                        ForgottenIds forgotten = new ForgottenIds();
                        forgotten.add(event);
                        events.values().removeIf(forgotten::covers);
                    } else if (!Tombstone.REDACTED_TYPE.equals(event.type())) {
                        events.put(event.seq(), event);
                    }
                }
            }
        }

        @Override
        public long loadedThrough() {
            synchronized (lock) {
                return eventsLoadedThrough;
            }
        }

        @Override
        public void setAside(long seq, String reason) {
            synchronized (lock) {
                if (seq > eventsLoadedThrough) {
                    eventsLoadedThrough = seq;
                    eventsSetAside++;
                }
            }
        }

        @Override
        public long setAsideCount() {
            synchronized (lock) {
                return eventsSetAside;
            }
        }

        @Override
        public long count() {
            synchronized (lock) {
                return events.size();
            }
        }

        @Override
        public void scan(long fromSeq, int limit, Consumer<Event> sink) {
            List<Event> copy;
            synchronized (lock) {
                copy = events.tailMap(fromSeq, true).values().stream().limit(limit).toList();
            }
            copy.forEach(sink);
        }
    };

    private final java.util.LinkedHashMap<String, StoredModel> models = new java.util.LinkedHashMap<>();

    private final ModelStore modelStore = new ModelStore() {
        @Override
        public void put(StoredModel model) {
            synchronized (lock) {
                models.put(model.id(), model);
            }
        }

        @Override
        public java.util.Optional<StoredModel> find(String id) {
            synchronized (lock) {
                return java.util.Optional.ofNullable(models.get(id));
            }
        }

        @Override
        public List<StoredModel> list() {
            synchronized (lock) {
                return models.values().stream()
                        .sorted(java.util.Comparator.comparing(StoredModel::createdAt)).toList();
            }
        }

        @Override
        public boolean delete(String id) {
            synchronized (lock) {
                return models.remove(id) != null;
            }
        }
    };

    private final java.util.Map<String, java.util.TreeMap<Integer, org.attune.core.model.ModelVersion>> versions =
            new java.util.HashMap<>();

    private final org.attune.core.model.ModelVersionStore versionStore =
            new org.attune.core.model.ModelVersionStore() {
        @Override
        public void add(org.attune.core.model.ModelVersion version) {
            synchronized (lock) {
                java.util.TreeMap<Integer, org.attune.core.model.ModelVersion> ofModel =
                        versions.computeIfAbsent(version.modelId(), id -> new java.util.TreeMap<>());
                if (ofModel.putIfAbsent(version.version(), version) != null) {
                    throw new IllegalStateException("version " + version.version() + " of model "
                            + version.modelId() + " exists already");
                }
            }
        }

        @Override
        public java.util.Optional<org.attune.core.model.ModelVersion> find(String modelId, int version) {
            synchronized (lock) {
                return java.util.Optional.ofNullable(versions.getOrDefault(modelId, new java.util.TreeMap<>())
                        .get(version));
            }
        }

        @Override
        public List<org.attune.core.model.ModelVersion> list(String modelId) {
            synchronized (lock) {
                return List.copyOf(versions.getOrDefault(modelId, new java.util.TreeMap<>()).descendingMap()
                        .values());
            }
        }

        @Override
        public int deleteAll(String modelId) {
            synchronized (lock) {
                java.util.TreeMap<Integer, org.attune.core.model.ModelVersion> removed = versions.remove(modelId);
                return removed == null ? 0 : removed.size();
            }
        }
    };

    private final ApiKeyStore keyStore = new ApiKeyStore() {
        @Override
        public void save(ApiKey key) {
            synchronized (lock) {
                keys.add(key);
            }
        }

        @Override
        public List<ApiKey> list() {
            synchronized (lock) {
                return List.copyOf(keys);
            }
        }

        @Override
        public boolean revoke(String id, Instant at) {
            synchronized (lock) {
                for (int i = 0; i < keys.size(); i++) {
                    ApiKey key = keys.get(i);
                    if (key.id().equals(id)) {
                        if (key.active()) {
                            keys.set(i, new ApiKey(key.id(), key.name(), key.role(), key.secretHash(), key.prefix(),
                                    key.createdAt(), at, key.browser()));
                        }
                        return true;
                    }
                }
                return false;
            }
        }
    };

    private final AccountStore accountStore = new AccountStore() {
        @Override
        public void save(Account account) {
            synchronized (lock) {
                if (accounts.containsKey(account.name())) {
                    throw new ConflictException("account_exists", "An account named '" + account.name()
                            + "' already exists");
                }
                accounts.put(account.name(), account);
            }
        }

        @Override
        public List<Account> list() {
            synchronized (lock) {
                return accounts.values().stream()
                        .sorted(Comparator.comparing(Account::createdAt).thenComparing(Account::name)).toList();
            }
        }

        @Override
        public boolean update(Account account) {
            synchronized (lock) {
                return accounts.replace(account.name(), account) != null;
            }
        }
    };

    @Override
    public CatalogStore catalogs() {
        return catalogStore;
    }

    @Override
    public ProductStore products() {
        return productStore;
    }

    @Override
    public EventStore events() {
        return eventStore;
    }

    @Override
    public ApiKeyStore apiKeys() {
        return keyStore;
    }

    @Override
    public AccountStore accounts() {
        return accountStore;
    }


    private final java.util.Map<String, org.attune.core.personalization.PersonalizationSetup> setups =
            new java.util.TreeMap<>();
    private final java.util.Map<String, org.attune.core.personalization.SetupRun> runs = new java.util.HashMap<>();
    private final org.attune.core.personalization.PersonalizationStore personalizationStore =
            new org.attune.core.personalization.PersonalizationStore() {
        @Override
        public void put(org.attune.core.personalization.PersonalizationSetup setup) {
            synchronized (setups) {
                setups.put(setup.catalog(), setup);
            }
        }

        @Override
        public java.util.Optional<org.attune.core.personalization.PersonalizationSetup> find(String catalog) {
            synchronized (setups) {
                return java.util.Optional.ofNullable(setups.get(catalog));
            }
        }

        @Override
        public List<org.attune.core.personalization.PersonalizationSetup> list() {
            synchronized (setups) {
                return List.copyOf(setups.values());
            }
        }

        @Override
        public void putRun(org.attune.core.personalization.SetupRun run) {
            synchronized (runs) {
                runs.put(run.id(), run);
            }
        }

        @Override
        public List<org.attune.core.personalization.SetupRun> runs(String catalog) {
            synchronized (runs) {
                return runs.values().stream().filter(run -> run.catalog().equals(catalog))
                        .sorted(java.util.Comparator.comparing(org.attune.core.personalization.SetupRun::startedAt)
                                .thenComparing(org.attune.core.personalization.SetupRun::id).reversed())
                        .toList();
            }
        }
    };

    @Override
    public org.attune.core.personalization.PersonalizationStore personalization() {
        return personalizationStore;
    }

    private final java.util.Map<List<String>, org.attune.core.decisioning.DecisioningStore.Stored> definitions =
            new java.util.TreeMap<>(java.util.Comparator.comparing((List<String> key) -> key.get(0))
                    .thenComparing(key -> key.get(1)).thenComparing(key -> key.get(2)));
    private final org.attune.core.decisioning.DecisioningStore decisioningStore =
            new org.attune.core.decisioning.DecisioningStore() {
        @Override
        public void put(Stored definition) {
            synchronized (definitions) {
                definitions.put(List.of(definition.kind(), definition.catalog(), definition.id()), definition);
            }
        }

        @Override
        public java.util.Optional<Stored> find(String kind, String catalog, String id) {
            synchronized (definitions) {
                return java.util.Optional.ofNullable(definitions.get(List.of(kind, catalog, id)));
            }
        }

        @Override
        public List<Stored> list(String kind, String catalog) {
            synchronized (definitions) {
                return definitions.values().stream().filter(d -> d.kind().equals(kind) && d.catalog().equals(catalog))
                        .toList();
            }
        }

        @Override
        public List<Stored> all() {
            synchronized (definitions) {
                return List.copyOf(definitions.values());
            }
        }

        @Override
        public boolean delete(String kind, String catalog, String id) {
            synchronized (definitions) {
                return definitions.remove(List.of(kind, catalog, id)) != null;
            }
        }
    };

    @Override
    public org.attune.core.decisioning.DecisioningStore decisioning() {
        return decisioningStore;
    }

    @Override
    public org.attune.core.model.ModelVersionStore modelVersions() {
        return versionStore;
    }

    @Override
    public ModelStore models() {
        return modelStore;
    }

    @Override
    public String kind() {
        return "memory";
    }

    @Override
    public void close() {
        // nothing to release
    }
}
