package org.attune.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.attune.core.json.Json;
import org.attune.server.RunningServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code attune models ...} against a real server, as a user types it. */
class ModelsCommandTest {
    @TempDir
    Path dataDir;
    @TempDir
    Path files;
    RunningServer server;

    /**
     * The output of one run.
     *
     * @param exitCode exit status
     * @param out what it printed to stdout
     * @param err what it printed to stderr
     */
    record Run(int exitCode, String out, String err) {
    }

    @BeforeEach
    void start() throws Exception {
        server = RunningServer.start(dataDir);
        server.admin.sendOrFail("POST", "/v1/catalogs", "application/json", bytes("""
                {"id": "shop", "name": "Shop", "schema": {"attributes": [
                  {"name": "title", "type": "string", "role": "title", "required": true}]}}"""));
        server.admin.sendOrFail("PUT", "/v1/catalogs/shop/products", "application/x-ndjson", bytes("""
                {"id":"a","title":"A"}
                {"id":"b","title":"B"}
                {"id":"c","title":"C"}
                """));
        StringBuilder events = new StringBuilder();
        for (int p = 0; p < 6; p++) {
            events.append("{\"type\":\"view\",\"anonymousId\":\"v-").append(p)
                    .append("\",\"catalog\":\"shop\",\"itemIds\":[\"a\",\"b\"]}\n");
        }
        server.admin.sendOrFail("POST", "/v1/events", "application/x-ndjson", bytes(events.toString()));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private Run models(String url, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        picocli.CommandLine command = new picocli.CommandLine(new AttuneCommand());
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 5];
        all[0] = "models";
        all[1] = "--url";
        all[2] = url;
        all[3] = "--key";
        all[4] = RunningServer.ADMIN_KEY;
        System.arraycopy(args, 0, all, 5, args.length);
        return new Run(command.execute(all), out.toString(), err.toString());
    }

    @Test
    void aModelIsCreatedProvisionedListedAndInspectedFromTheCommandLine() throws Exception {
        Path definition = Files.writeString(files.resolve("model.json"), """
                {"name": "Seen together", "catalog": "shop", "kind": "co_occurrence",
                 "signals": [{"name": "views", "eventType": "view", "productIdPath": "itemIds[*]", "weight": 1}],
                 "params": {"measure": "cosine"}}""");
        Run created = models(server.url(), "create", definition.toString());
        assertThat(created.exitCode()).as(created.err()).isZero();
        String id = Json.MAPPER.readTree(created.out()).path("id").asText();
        assertThat(id).startsWith("mdl_");

        Run provisioned = models(server.url(), "provision", id, "--wait");
        assertThat(provisioned.exitCode()).as(provisioned.err()).isZero();
        assertThat(provisioned.err()).contains("running version 1");

        Run list = models(server.url(), "list");
        assertThat(list.out()).containsPattern(id + " +co_occurrence +running +v1 +Seen together");
        JsonNode versions = Json.MAPPER.readTree(models(server.url(), "versions", id).out());
        assertThat(versions.path("versions").get(0).path("data").path("people").asInt()).isEqualTo(6);
        JsonNode analytics = Json.MAPPER.readTree(models(server.url(), "analytics", id).out());
        assertThat(analytics.path("weightDistribution").get(0).path("share").asDouble()).isEqualTo(1.0);
    }

    @Test
    void refusalsPrintTheReasonsAndAnUnreachableServerItsOwnStatus() throws Exception {
        Path broken = Files.writeString(files.resolve("broken.json"), """
                {"name": "", "catalog": "nowhere", "kind": "magic", "signals": []}""");
        Run refused = models(server.url(), "create", broken.toString());
        assertThat(refused.exitCode()).isEqualTo(ModelsCommand.EXIT_REFUSED);
        assertThat(refused.err()).contains("refused (400)").contains("catalog: ").contains("kind: ")
                .contains("signals: ");

        Run rollback = models(server.url(), "rollback", "mdl_missing", "2");
        assertThat(rollback.exitCode()).isEqualTo(ModelsCommand.EXIT_REFUSED);
        assertThat(rollback.err()).contains("refused (404)");

        Run unreachable = models("http://127.0.0.1:1", "list");
        assertThat(unreachable.exitCode()).isEqualTo(ModelsCommand.EXIT_UNREACHABLE);
        assertThat(unreachable.err()).contains("could not reach http://127.0.0.1:1");
    }
}
