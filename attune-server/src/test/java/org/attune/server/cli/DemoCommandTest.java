package org.attune.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.attune.core.security.Account;
import org.attune.core.security.Role;
import org.attune.server.app.AttuneApplication;
import org.attune.server.app.ServerSettings;
import org.attune.server.importing.AttuneClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The README's first command, on a tiny shop: generate, load through the API, print a working key and sign-in. */
class DemoCommandTest {
    private static final Pattern STUDIO = Pattern.compile(
            "Studio: (http://127\\.0\\.0\\.1:\\d+/studio)  user (\\S+)  password (\\S+)");

    @TempDir
    Path dataDir;

    private String runDemo(UnaryOperator<String> environment) {
        return runDemo(environment, "--products", "60", "--shoppers", "40", "--days", "3");
    }

    /** Runs the demo to the end of its load with these shop options; what it printed, on stdout and stderr. */
    private String runDemo(UnaryOperator<String> environment, String... shop) {
        PrintStream original = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream capturing = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setOut(capturing);
        System.setErr(capturing);
        try {
            DemoCommand demo = new DemoCommand();
            demo.environment = environment;
            List<String> arguments = new ArrayList<>(List.of("--data-dir", dataDir.toString(), "--port", "0",
                    "--exit-after-load"));
            arguments.addAll(List.of(shop));
            int exit = new CommandLine(demo).execute(arguments.toArray(String[]::new));
            assertThat(exit).as("%s", captured.toString(StandardCharsets.UTF_8)).isZero();
        } finally {
            System.setOut(original);
            System.setErr(originalErr);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Test
    void demoLoadsAGeneratedShopThroughTheApiAndPrintsAKeyAndAStudioSignInThatWork() throws Exception {
        String output = runDemo(name -> null);
        assertThat(output).contains("Attune is running: http://127.0.0.1:", "/openapi.json", "/health");
        Matcher key = Pattern.compile("admin API key \\(shown once, stored hashed\\): (atk_\\S+)").matcher(output);
        assertThat(key.find()).as("printed key in:%n%s", output).isTrue();
        Matcher studio = STUDIO.matcher(output);
        assertThat(studio.find()).as("printed studio sign-in in:%n%s", output).isTrue();
        assertThat(output).contains("Attune is running: " + studio.group(1).replace("/studio", ""));
        assertThat(studio.group(2)).isEqualTo("demo");
        String password = studio.group(3);
        assertThat(password).as("a fresh random password").matches("[A-Za-z0-9_-]{16}");

        try (AttuneApplication app = AttuneApplication.start(ServerSettings.of(dataDir, "127.0.0.1", 0, null))) {
            assertThat(app.accounts().authenticate("demo", password.toCharArray())).map(Account::role)
                    .contains(Role.EDITOR);
            AttuneClient client = new AttuneClient(app.baseUrl(), key.group(1));
            JsonNode stats = client.get("/v1/catalogs/demo/stats").body();
            assertThat(stats.path("products").asLong()).isEqualTo(60);
            JsonNode dictionary = client.get("/v1/dictionary").body();
            assertThat(dictionary.path("events").asLong()).isPositive();
            assertThat(dictionary.path("types")).extracting(t -> t.path("type").asText()).contains("view", "click");
            JsonNode events = client.get("/v1/events?limit=10000").body();
            assertThat(events.path("events").size()).isEqualTo(dictionary.path("events").asInt());

            // The demo's models were cut short by --exit-after-load; this start trains them.
            long deadline = System.nanoTime() + 180_000_000_000L;
            JsonNode models;
            do {
                Thread.sleep(50);
                models = client.get("/v1/models").body().path("models");
            } while (models.findValuesAsText("status").contains("provisioning") && System.nanoTime() < deadline);
            assertThat(models.findValuesAsText("kind"))
                    .containsExactly("affinity", "co_occurrence", "collaborative", "trending", "sequence");
            assertThat(models.findValuesAsText("status")).as("%s", models).containsOnly("running");
            String affinity = models.get(0).path("id").asText();
            String person = events.path("events").get(0).path("anonymousId").asText();
            assertThat(client.get("/v1/recommendations?model=" + affinity + "&anonymousId=" + person).body()
                    .path("items").size()).isPositive();
            JsonNode decision = client.postJson("/v1/decisions", java.util.Map.of("catalog", "demo", "anonymousId",
                    person, "placements", java.util.List.of("home.recommended_for_you", "email.picks"))).body();
            assertThat(decision.path("placements")).as("%s", decision).hasSize(2);
            assertThat(decision.path("placements").get(0).path("items").size()).as("%s", decision).isPositive();
            assertThat(decision.path("placements").get(0).path("errors")).isEmpty();
            JsonNode stranger = client.postJson("/v1/decisions", java.util.Map.of("catalog", "demo", "anonymousId",
                    "nobody-yet", "placements", java.util.List.of("home.recommended_for_you"))).body();
            assertThat(stranger.path("placements").get(0).path("source").asText()).isEqualTo("fallback");
        }

        String second = runDemo(Map.of("ATTUNE_DEMO_PASSWORD", "chosen by the operator")::get);
        assertThat(second).as("a second run reuses the loaded shop and makes a fresh key").contains("admin API key");
        assertThat(second).as("and resets the studio password").contains("user demo  password chosen by the operator");
        assertThat(second).containsPattern("model affinity: +http://127.0.0.1:\\d+/v1/recommendations\\?model=mdl_");
        Matcher newKey = Pattern.compile("admin API key \\(shown once, stored hashed\\): (atk_\\S+)").matcher(second);
        assertThat(newKey.find()).isTrue();
        try (AttuneApplication app = AttuneApplication.start(ServerSettings.of(dataDir, "127.0.0.1", 0, null))) {
            assertThat(new AttuneClient(app.baseUrl(), key.group(1)).get("/v1/catalogs").status())
                    .as("the previous demo key is revoked").isEqualTo(401);
            AttuneClient client = new AttuneClient(app.baseUrl(), newKey.group(1));
            assertThat(client.get("/v1/catalogs/demo/stats").body().path("products").asLong()).isEqualTo(60);
            assertThat(app.accounts().authenticate("demo", password.toCharArray()))
                    .as("the previous demo password no longer works").isEmpty();
            assertThat(app.accounts().authenticate("demo", "chosen by the operator".toCharArray())).isPresent();
            assertThat(app.accounts().list()).extracting(Account::name).containsExactly("demo");
        }
    }

    @Test
    void aDemoPasswordTooShortStopsTheDemoBeforeItStarts() {
        StringWriter err = new StringWriter();
        DemoCommand demo = new DemoCommand();
        demo.environment = Map.of("ATTUNE_DEMO_PASSWORD", "short")::get;
        CommandLine command = new CommandLine(demo);
        command.setErr(new PrintWriter(err, true));

        int exit = command.execute("--data-dir", dataDir.resolve("data").toString(), "--port", "0");

        assertThat(exit).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("ATTUNE_DEMO_PASSWORD: password must be at least 10 characters, got 5");
        assertThat(dataDir.resolve("data")).as("nothing was started").doesNotExist();
    }
}
