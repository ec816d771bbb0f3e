package org.attune.server;

import java.nio.file.Path;
import org.attune.server.app.AttuneApplication;
import org.attune.server.app.ServerSettings;
import org.attune.server.importing.AttuneClient;

/** A real server on a free loopback port over a data directory, with an admin client. */
public final class RunningServer implements AutoCloseable {
    public static final String ADMIN_KEY = "test-admin-key-0123456789";

    public final AttuneApplication app;
    public final AttuneClient admin;

    private RunningServer(AttuneApplication app) {
        this.app = app;
        this.admin = new AttuneClient(app.baseUrl(), ADMIN_KEY);
    }

    public static RunningServer start(Path dataDir) throws Exception {
        return start(ServerSettings.of(dataDir, "127.0.0.1", 0, ADMIN_KEY));
    }

    /** With settings of the caller's, which must use {@link #ADMIN_KEY}. */
    public static RunningServer start(ServerSettings settings) throws Exception {
        return new RunningServer(AttuneApplication.start(settings));
    }

    public AttuneClient client(String key) {
        return new AttuneClient(app.baseUrl(), key);
    }

    public String url() {
        return app.baseUrl();
    }

    @Override
    public void close() {
        app.close();
    }
}
