package org.attune.server.app;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.attune.core.event.EventLimits;
import org.attune.core.personalization.PersonalizationSettings;
import org.attune.core.profile.ProfileSettings;
import org.attune.core.security.Accounts;
import org.attune.core.snapshot.SnapshotPolicy;
import org.attune.core.validation.Problem;
import org.attune.server.http.ClientLimits;
import org.attune.server.http.ClientAddress;

/**
 * How to run a server.
 *
 * @param dataDir directory holding the database, the event log and temporary files
 * @param host address to listen on (default 127.0.0.1: only this machine)
 * @param port port to listen on; 0 picks a free one
 * @param adminKey bootstrap admin key chosen by the operator (env ATTUNE_ADMIN_KEY), or null
 * @param adminPassword password of the studio account {@code admin}, created with it when no
 *     account of that name exists (env ATTUNE_ADMIN_PASSWORD), or null
 * @param limits event limits
 * @param clock the clock (tests may fix it)
 * @param profiles how profiles are computed (recent events kept, affinity half-life, ...); a change
 *     applies to all history after a restart (a snapshot made with other settings is not restored:
 *     the whole log is replayed)
 * @param personalization the viability thresholds and the daily schedule a new setup starts from
 * @param clients how much of the server one client may hold: connections and request rates
 * @param trustedProxies IP addresses of reverse proxies whose {@code X-Forwarded-For} names the
 *     client that rate limits and the studio's sign-in throttle count against (see
 *     {@link ClientAddress});
 *     empty by default: the connection's address is the client's
 * @param snapshots when the state rebuilt from the log is snapshotted, so that a restart replays
 *     only the events after the newest snapshot
 * @param decisionLogRetention how long the decision log keeps each answer served (whole days, at
 *     least one; {@link #DEFAULT_DECISION_LOG_RETENTION} by default, the longest a frequency cap may count)
 */
public record ServerSettings(Path dataDir, String host, int port, String adminKey, String adminPassword,
                             EventLimits limits, Clock clock, ProfileSettings profiles,
                             PersonalizationSettings personalization, ClientLimits clients,
                             List<String> trustedProxies, SnapshotPolicy snapshots, Duration decisionLogRetention) {

    /** 90 days: as long as the longest frequency cap or "shown more than" exclusion counts. */
    public static final Duration DEFAULT_DECISION_LOG_RETENTION = Duration.ofDays(90);

    public ServerSettings {
        if (decisionLogRetention.toDays() < 1) {
            throw new IllegalArgumentException("the decision log keeps answers at least one day");
        }
        trustedProxies = List.copyOf(trustedProxies);
        new ClientAddress(trustedProxies); // refuses anything but address literals before the server starts
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
        }
        if (adminKey != null && adminKey.length() < 16) {
            throw new IllegalArgumentException("ATTUNE_ADMIN_KEY must be at least 16 characters");
        }
        if (adminPassword != null) {
            List<Problem> problems = Accounts.passwordProblems(adminPassword.toCharArray());
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("ATTUNE_ADMIN_PASSWORD: " + problems.get(0).message());
            }
        }
    }

    public static ServerSettings of(Path dataDir, String host, int port, String adminKey) {
        return new ServerSettings(dataDir, host, port, adminKey, null, EventLimits.DEFAULTS, Clock.systemUTC(),
                ProfileSettings.DEFAULTS, PersonalizationSettings.DEFAULTS, ClientLimits.DEFAULTS,
                List.of(), SnapshotPolicy.DEFAULTS, DEFAULT_DECISION_LOG_RETENTION);
    }

    public ServerSettings withAdminPassword(String newAdminPassword) {
        return new ServerSettings(dataDir, host, port, adminKey, newAdminPassword, limits, clock, profiles,
                personalization, clients, trustedProxies, snapshots, decisionLogRetention);
    }

    public ServerSettings withLimits(EventLimits newLimits) {
        return new ServerSettings(dataDir, host, port, adminKey, adminPassword, newLimits, clock, profiles,
                personalization, clients, trustedProxies, snapshots, decisionLogRetention);
    }

    public ServerSettings withProfiles(ProfileSettings newProfiles) {
        return new ServerSettings(dataDir, host, port, adminKey, adminPassword, limits, clock, newProfiles,
                personalization, clients, trustedProxies, snapshots, decisionLogRetention);
    }

    public ServerSettings withPersonalization(PersonalizationSettings newPersonalization) {
        return new ServerSettings(dataDir, host, port, adminKey, adminPassword, limits, clock, profiles,
                newPersonalization, clients, trustedProxies, snapshots, decisionLogRetention);
    }

    public ServerSettings withClients(ClientLimits newClients) {
        return new ServerSettings(dataDir, host, port, adminKey, adminPassword, limits, clock, profiles,
                personalization, newClients, trustedProxies, snapshots, decisionLogRetention);
    }

    public ServerSettings withTrustedProxies(List<String> newTrustedProxies) {
        return new ServerSettings(dataDir, host, port, adminKey, adminPassword, limits, clock, profiles,
                personalization, clients, newTrustedProxies, snapshots, decisionLogRetention);
    }

    public ServerSettings withSnapshots(SnapshotPolicy newSnapshots) {
        return new ServerSettings(dataDir, host, port, adminKey, adminPassword, limits, clock, profiles,
                personalization, clients, trustedProxies, newSnapshots, decisionLogRetention);
    }

    public ServerSettings withDecisionLogRetention(Duration newRetention) {
        return new ServerSettings(dataDir, host, port, adminKey, adminPassword, limits, clock, profiles,
                personalization, clients, trustedProxies, snapshots, newRetention);
    }

    /** Says whether the secrets are set, never what they are, so that settings may be logged. */
    @Override
    public String toString() {
        return "ServerSettings[dataDir=" + dataDir + ", host=" + host + ", port=" + port + ", adminKey="
                + (adminKey == null ? "none" : "set") + ", adminPassword=" + (adminPassword == null ? "none" : "set")
                + ", limits=" + limits + ", clock=" + clock + ", profiles=" + profiles + ", personalization="
                + personalization + ", clients=" + clients
                + ", trustedProxies=" + trustedProxies + ", snapshots=" + snapshots
                + ", decisionLogRetention=" + decisionLogRetention + "]";
    }
}
