package org.attune.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.attune.server.cli.AttuneCommand;
import picocli.CommandLine;

/** {@code attune demo ... --exit-after-load} run in this JVM, as tests load the demo's shop. */
public final class DemoRun {
    private DemoRun() {
    }

    /**
     * Generates and loads the demo shop into {@code dataDir} on a free port and stops; what the
     * demo printed on stdout and stderr (the key, the studio sign-in, the figures of its load).
     */
    public static String load(Path dataDir, String... shop) {
        PrintStream original = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream capturing = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setOut(capturing);
        System.setErr(capturing);
        try {
            List<String> arguments = new ArrayList<>(List.of("demo", "--data-dir", dataDir.toString(), "--port", "0",
                    "--exit-after-load"));
            arguments.addAll(List.of(shop));
            int exit = new CommandLine(new AttuneCommand()).execute(arguments.toArray(String[]::new));
            assertThat(exit).as("%s", captured.toString(StandardCharsets.UTF_8)).isZero();
        } finally {
            System.setOut(original);
            System.setErr(originalErr);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
