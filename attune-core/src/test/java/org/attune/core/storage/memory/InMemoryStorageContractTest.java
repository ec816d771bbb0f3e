package org.attune.core.storage.memory;

import java.nio.file.Path;
import org.attune.core.storage.Storage;
import org.attune.core.storage.StorageContract;

class InMemoryStorageContractTest extends StorageContract {
    @Override
    protected Storage openStorage(Path dir) {
        return new InMemoryStorage();
    }
}
