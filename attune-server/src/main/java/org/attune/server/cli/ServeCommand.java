package org.attune.server.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.UnaryOperator;
import org.attune.core.event.EventLimits;
import org.attune.core.json.Json;
import org.attune.core.personalization.PersonalizationSettings;
import org.attune.core.profile.ProfileSettings;
import org.attune.core.snapshot.SnapshotPolicy;
import org.attune.core.validation.InvalidInputException;
import org.attune.server.app.AttuneApplication;
import org.attune.server.app.ServerSettings;
import org.attune.server.http.ClientLimits;
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
                + " leave its password alone (PUT /v1/accounts/admin/password changes it).%n"
                + "Besides the options below, fixed limits hold every client: 32 requests of one address on a"
                + " thread at once (more wait), a request body arriving at 1,024 bytes/s or more, and 30 s of"
                + " silence on a connection before it is closed (docs/api.md, Limits).")
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

    @Option(names = "--event-id-window-days", defaultValue = "30", paramLabel = "DAYS",
            description = "How many days after it was received an eventId is still recognised as a repeat (and"
                    + " not stored again); memory holds the ids of up to twice as long, about 27 bytes each; 0"
                    + " keeps every id for ever (default: ${DEFAULT-VALUE})")
    double eventIdWindowDays;

    @Option(names = "--snapshot-every-events", defaultValue = "10000000", paramLabel = "EVENTS",
            description = "Snapshot the profiles, popularity, data dictionary and event ids after this many new"
                    + " events (and on shutdown), so that a restart replays only the events since; 0 turns"
                    + " snapshots off and every start replays the whole log (default: ${DEFAULT-VALUE})")
    long snapshotEveryEvents;

    @Option(names = "--snapshot-minutes", defaultValue = "10", paramLabel = "MINUTES",
            description = "While events arrive, snapshot at least this often; at most one snapshot a minute (or"
                    + " this often, when it is shorter) (default: ${DEFAULT-VALUE})")
    double snapshotMinutes;

    @Option(names = "--decision-log-days", defaultValue = "90", paramLabel = "DAYS",
            description = "How long the decision log keeps each answer served, for caps after a restart, reports"
                    + " and later learning; at least 1 (default: ${DEFAULT-VALUE})")
    int decisionLogDays;

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

    @Option(names = "--max-connections", defaultValue = "4096",
            description = "Open connections in all; beyond, new ones wait until one closes (default:"
                    + " ${DEFAULT-VALUE})")
    int maxConnections;

    @Option(names = "--max-connections-per-address", defaultValue = "256",
            description = "Open connections from one client address; one more is closed at once (default:"
                    + " ${DEFAULT-VALUE})")
    int maxConnectionsPerAddress;

    @Option(names = "--rate-limit-per-key", defaultValue = "50000", paramLabel = "N",
            description = "Requests per second each API key may make, answered 429 rate_limited with Retry-After"
                    + " beyond; 0 for no limit (default: ${DEFAULT-VALUE})")
    long rateLimitPerKey;

    @Option(names = "--rate-limit-per-address", defaultValue = "1000", paramLabel = "N",
            description = "Requests per second from one client address without a valid API key (public and"
                    + " studio routes, failed authentications; not /health), answered 429 beyond; 0 for no limit"
                    + " (default: ${DEFAULT-VALUE})")
    long rateLimitPerAddress;

    @Option(names = "--trusted-proxy", paramLabel = "ADDRESS",
            description = "IP address of a reverse proxy in front of Attune whose X-Forwarded-For header names the"
                    + " client that rate limits and the studio's sign-in throttle count against, and whose"
                    + " connections are exempt from the per-address connection limits; repeat for several"
                    + " (default: none, the connection's address is the client's: behind a proxy, every client"
                    + " shares the proxy's)")
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
                    .withClients(new ClientLimits(maxConnections, maxConnectionsPerAddress, rateLimitPerKey,
                            rateLimitPerAddress))
                    .withTrustedProxies(trustedProxies)
                    .withLimits(EventLimits.DEFAULTS.withEventIdWindow(eventIdWindow()))
                    .withSnapshots(snapshotPolicy())
                    .withDecisionLogRetention(decisionLogRetention());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private Duration decisionLogRetention() {
        if (decisionLogDays < 1 || decisionLogDays > 3_650) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--decision-log-days must be from 1 to 3650, got " + decisionLogDays);
        }
        return Duration.ofDays(decisionLogDays);
    }

    private SnapshotPolicy snapshotPolicy() {
        if (snapshotEveryEvents < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--snapshot-every-events must be 0 (off) or more, got " + snapshotEveryEvents);
        }
        if (!(snapshotMinutes >= 0) || snapshotMinutes > 10_080) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--snapshot-minutes must be from 0 to 10080 (a week), got " + snapshotMinutes);
        }
        Duration atLeastEvery = Duration.ofMillis(Math.round(snapshotMinutes * 60_000));
        Duration minSpacing = atLeastEvery.compareTo(SnapshotPolicy.DEFAULTS.minSpacing()) < 0 ? atLeastEvery
                : SnapshotPolicy.DEFAULTS.minSpacing();
        return new SnapshotPolicy(snapshotEveryEvents, atLeastEvery, minSpacing);
    }

    private Duration eventIdWindow() {
        if (!(eventIdWindowDays >= 0) || eventIdWindowDays > 36_500) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--event-id-window-days must be from 0 (for ever) to 36500, got " + eventIdWindowDays);
        }
        return Duration.ofMillis(Math.round(eventIdWindowDays * 86_400_000));
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
