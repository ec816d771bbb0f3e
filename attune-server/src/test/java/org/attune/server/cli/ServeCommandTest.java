package org.attune.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.attune.core.personalization.PersonalizationSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code attune serve}'s settings files and environment, read as an operator writes them. */
class ServeCommandTest {
    @TempDir
    Path dir;

    @Test
    void aPersonalizationSettingsFileSetsTheThresholdsAndScheduleAndKeepsTheOtherDefaults() throws Exception {
        Path file = Files.writeString(dir.resolve("personalization.json"), """
                {"thresholds": {"criteria": {"event_volume": {"recommended": 50000, "minimum": 5000}},
                                "churnDays": 7},
                 "schedule": {"time": "04:30", "zone": "Europe/Prague"}}""");
        PersonalizationSettings settings = ServeCommand.personalizationSettings(
                new CommandLine(new ServeCommand()).getCommandSpec(), file);
        assertThat(settings.thresholds().limit("event_volume").recommended()).isEqualTo(50_000);
        assertThat(settings.thresholds().limit("event_volume").minimum()).isEqualTo(5_000);
        assertThat(settings.thresholds().churnDays()).isEqualTo(7);
        assertThat(settings.thresholds().limit("product_count"))
                .isEqualTo(PersonalizationSettings.DEFAULTS.thresholds().limit("product_count"));
        assertThat(settings.defaultSchedule().time()).hasToString("04:30");
        assertThat(settings.defaultSchedule().zone().getId()).isEqualTo("Europe/Prague");
    }

    @Test
    void aBadSettingsFileStopsTheServerBeforeItStartsWithTheReason() throws Exception {
        Path unknownField = Files.writeString(dir.resolve("typo.json"), "{\"thresold\": {}}");
        Path badZone = Files.writeString(dir.resolve("zone.json"), "{\"schedule\": {\"zone\": \"Mars/Olympus\"}}");
        Path reversed = Files.writeString(dir.resolve("reversed.json"),
                "{\"thresholds\": {\"criteria\": {\"event_volume\": {\"recommended\": 10, \"minimum\": 100}}}}");

        assertThat(serve(unknownField)).contains("--personalization-settings").contains("unknown field 'thresold'");
        assertThat(serve(badZone)).contains("Mars/Olympus");
        assertThat(serve(reversed)).contains("event_volume");
        assertThat(serve(dir.resolve("missing.json"))).contains("missing.json");
        assertThat(dir.resolve("data")).as("nothing was started").doesNotExist();
    }

    @Test
    void aBadAdminPasswordOrKeyInTheEnvironmentStopsTheServerBeforeItStartsWithTheReason() {
        assertThat(serveWith(Map.of("ATTUNE_ADMIN_PASSWORD", "too short")))
                .contains("ATTUNE_ADMIN_PASSWORD: password must be at least 10 characters, got 9");
        assertThat(serveWith(Map.of("ATTUNE_ADMIN_PASSWORD", "p".repeat(201))))
                .contains("ATTUNE_ADMIN_PASSWORD: password must be at most 200 characters, got 201");
        assertThat(serveWith(Map.of("ATTUNE_ADMIN_KEY", "short-key")))
                .contains("ATTUNE_ADMIN_KEY must be at least 16 characters");
        assertThat(dir.resolve("data")).as("nothing was started").doesNotExist();
    }

    @Test
    void aBadClientLimitStopsTheServerBeforeItStartsWithTheOptionNamed() {
        assertThat(refusedOptions("--max-connections-per-address", "0"))
                .contains("--max-connections-per-address must be between 1 and --max-connections");
    }

    @Test
    void aTrustedProxyThatIsNotAnAddressStopsTheServerBeforeItStarts() {
        assertThat(refusedOptions("--trusted-proxy", "10.0.0.5", "--trusted-proxy", "proxy.internal"))
                .as("a name is never looked up")
                .contains("--trusted-proxy must be an IP address, got 'proxy.internal'");
    }

    @Test
    void aBadSnapshotOptionStopsTheServerBeforeItStartsWithTheOptionNamed() {
        assertThat(refusedOptions("--snapshot-every-events", "-1"))
                .contains("--snapshot-every-events must be 0 (off) or more, got -1");
        assertThat(refusedOptions("--snapshot-minutes", "20000"))
                .contains("--snapshot-minutes must be from 0 to 10080 (a week), got 20000");
    }

    /** What {@code attune serve} printed when its options made it refuse to start (checked: it started nothing). */
    private String refusedOptions(String... options) {
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new AttuneCommand());
        command.setErr(new PrintWriter(err, true));
        List<String> arguments = new ArrayList<>(List.of("serve", "--data-dir", dir.resolve("data").toString(),
                "--port", "0"));
        arguments.addAll(List.of(options));
        int exit = command.execute(arguments.toArray(String[]::new));
        assertThat(exit).as("%s", err).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(dir.resolve("data")).as("nothing was started").doesNotExist();
        return err.toString();
    }

    /** What {@code attune serve} printed when the environment made it refuse to start. */
    private String serveWith(Map<String, String> environment) {
        StringWriter err = new StringWriter();
        ServeCommand serve = new ServeCommand();
        serve.environment = environment::get;
        CommandLine command = new CommandLine(serve);
        command.setErr(new PrintWriter(err, true));
        int exit = command.execute("--data-dir", dir.resolve("data").toString(), "--port", "0");
        assertThat(exit).as("%s", err).isEqualTo(CommandLine.ExitCode.USAGE);
        return err.toString();
    }

    /** What {@code attune serve} printed when it refused to start; fails if it exited otherwise than with a usage error. */
    private String serve(Path settings) {
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new AttuneCommand());
        command.setErr(new PrintWriter(err, true));
        int exit = command.execute("serve", "--data-dir", dir.resolve("data").toString(), "--port", "0",
                "--personalization-settings", settings.toString());
        assertThat(exit).as("%s", err).isEqualTo(CommandLine.ExitCode.USAGE);
        return err.toString();
    }
}
