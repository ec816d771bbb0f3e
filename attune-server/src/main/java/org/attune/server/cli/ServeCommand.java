package org.attune.server.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.UnaryOperator;
import org.attune.core.json.Json;
import org.attune.core.personalization.PersonalizationSettings;
import org.attune.core.profile.ProfileSettings;
import org.attune.core.validation.InvalidInputException;
import org.attune.server.app.AttuneApplication;
import org.attune.server.app.ServerSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code attune serve}: runs the server until it is stopped (Ctrl-C or SIGTERM). */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the server on the embedded store in DATA-DIR.%n"
                + "Env ATTUNE_ADMIN_KEY sets the bootstrap admin API key; without it one is generated on first"
                + " start, printed once, and stored hashed.%n"
                + "Env ATTUNE_ADMIN_PASSWORD (10 to 200 characters) creates the studio account 'admin' (role"
                + " admin) with that password when no account of that name exists; later changes of the variable"
                + " leave its password alone (PUT /v1/accounts/admin/password changes it).")
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--data-dir", defaultValue = "attune-data", description = "Data directory (default: ${DEFAULT-VALUE})")
    Path dataDir;

    @Option(names = "--port", defaultValue = "8080", description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one)")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only)")
    String host;

    @Option(names = "--profile-recent-events", defaultValue = "50",
            description = "Recent events each profile keeps, 0 to 10,000 (default: ${DEFAULT-VALUE})")
    int recentEvents;

    @Option(names = "--affinity-half-life-days", defaultValue = "14",
            description = "After this many days an event counts half as much towards affinities (default:"
                    + " ${DEFAULT-VALUE})")
    double affinityHalfLifeDays;

    @Option(names = "--personalization-settings", paramLabel = "FILE",
            description = "JSON file with the viability thresholds and daily training schedule new setups start"
                    + " from, e.g. {\"thresholds\": {\"criteria\": {\"event_volume\": {\"recommended\": 50000,"
                    + " \"minimum\": 5000}}}, \"schedule\": {\"time\": \"04:30\", \"zone\":"
                    + " \"Europe/Prague\"}} (default: docs/viability.md's defaults, 03:00 UTC)")
    Path personalizationSettings;

    @Option(names = "--trusted-proxy", paramLabel = "ADDRESS",
            description = "IP address of a reverse proxy in front of Attune whose X-Forwarded-For header names the"
                    + " client the studio's sign-in throttle counts against; repeat for several (default: none, the"
                    + " connection's address is the client's: behind a proxy, every client shares the proxy's)")
    List<String> trustedProxies = List.of();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Reads an environment variable (null when unset); tests hand in an environment of their own. */
    UnaryOperator<String> environment = System::getenv;

    @Override
    public Integer call() throws Exception {
        AttuneApplication app = AttuneApplication.start(serverSettings().withProfiles(profileSettings(spec,
                recentEvents, affinityHalfLifeDays)).withPersonalization(personalizationSettings(spec,
                personalizationSettings)));
        printBanner(app, null);
        awaitShutdown(app);
        return 0;
    }

    /** The options and the environment's secrets; a bad value is a usage error that names it. */
    private ServerSettings serverSettings() {
        try {
            return ServerSettings.of(dataDir, host, port, environment.apply("ATTUNE_ADMIN_KEY"))
                    .withAdminPassword(environment.apply("ATTUNE_ADMIN_PASSWORD"))
                    .withTrustedProxies(trustedProxies);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** The defaults with the command line's choices; a bad value is a usage error naming the option. */
    static ProfileSettings profileSettings(CommandLine.Model.CommandSpec spec, int recentEvents, double halfLifeDays) {
        if (!(halfLifeDays > 0) || halfLifeDays > 3_650) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--affinity-half-life-days must be more than 0 and at most 3650, got " + halfLifeDays);
        }
        try {
            return ProfileSettings.DEFAULTS.withRecentEvents(recentEvents)
                    .withAffinityHalfLife(Duration.ofMillis(Math.round(halfLifeDays * 86_400_000)));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--profile-recent-events: "
                    + e.getMessage());
        }
    }

    /** The defaults with the file's choices; an unreadable or invalid file is a usage error naming the option. */
    static PersonalizationSettings personalizationSettings(CommandLine.Model.CommandSpec spec, Path file) {
        if (file == null) {
            return PersonalizationSettings.DEFAULTS;
        }
        try {
            return PersonalizationSettings.DEFAULTS.with(Json.MAPPER.readTree(Files.readString(file)));
        } catch (IOException | InvalidInputException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--personalization-settings " + file + ": "
                    + e.getMessage());
        }
    }

    static void printBanner(AttuneApplication app, String extraKey) {
        System.out.println();
        System.out.println("Attune is running: " + app.baseUrl());
        System.out.println("  health   " + app.baseUrl() + "/health");
        System.out.println("  API doc  " + app.baseUrl() + "/openapi.json");
        System.out.println("  metrics  " + app.baseUrl() + "/metrics");
        System.out.println("  data     " + app.dataDir().toAbsolutePath());
        String key = extraKey != null ? extraKey : app.generatedAdminSecret();
        if (key != null) {
            System.out.println("  admin API key (shown once, stored hashed): " + key);
            System.out.println("  try: curl -H 'Authorization: Bearer " + key + "' " + app.baseUrl() + "/v1/catalogs");
        }
        System.out.println();
        System.out.flush();
    }

    static void awaitShutdown(AttuneApplication app) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            stopped.countDown();
        }, "attune-shutdown"));
        stopped.await();
    }
}
