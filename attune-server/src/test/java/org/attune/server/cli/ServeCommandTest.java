package org.attune.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.attune.core.personalization.PersonalizationSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code attune serve}'s settings files, read as an operator writes them. */
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
