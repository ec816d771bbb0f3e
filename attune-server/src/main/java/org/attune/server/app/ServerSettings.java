package org.attune.server.app;

import java.nio.file.Path;
import java.time.Clock;
import org.attune.core.event.EventLimits;
import org.attune.core.personalization.PersonalizationSettings;
import org.attune.core.profile.ProfileSettings;

/**
 * How to run a server.
 *
 * @param dataDir directory holding the database, the event log and temporary files
 * @param host address to listen on (default 127.0.0.1: only this machine)
 * @param port port to listen on; 0 picks a free one
 * @param adminKey bootstrap admin key chosen by the operator (env ATTUNE_ADMIN_KEY), or null
 * @param limits event limits
 * @param clock the clock (tests may fix it)
 * @param profiles how profiles are computed (recent events kept, affinity half-life, ...); profiles
 *     are rebuilt from the log at every start, so a change applies to all history after a restart
 * @param personalization the viability thresholds and the daily schedule a new setup starts from
 */
public record ServerSettings(Path dataDir, String host, int port, String adminKey, EventLimits limits, Clock clock,
                             ProfileSettings profiles, PersonalizationSettings personalization) {

    public ServerSettings {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
        }
        if (adminKey != null && adminKey.length() < 16) {
            throw new IllegalArgumentException("ATTUNE_ADMIN_KEY must be at least 16 characters");
        }
    }

    public static ServerSettings of(Path dataDir, String host, int port, String adminKey) {
        return new ServerSettings(dataDir, host, port, adminKey, EventLimits.DEFAULTS, Clock.systemUTC(),
                ProfileSettings.DEFAULTS, PersonalizationSettings.DEFAULTS);
    }

    public ServerSettings withProfiles(ProfileSettings newProfiles) {
        return new ServerSettings(dataDir, host, port, adminKey, limits, clock, newProfiles, personalization);
    }

    public ServerSettings withPersonalization(PersonalizationSettings newPersonalization) {
        return new ServerSettings(dataDir, host, port, adminKey, limits, clock, profiles, newPersonalization);
    }
}
