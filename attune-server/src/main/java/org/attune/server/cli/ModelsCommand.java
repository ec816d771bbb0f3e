package org.attune.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.attune.core.json.Json;
import org.attune.server.importing.AttuneClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code attune models}: defines and runs models on a server over its HTTP API, the same
 * calls as {@code /v1/models}. Answers are printed as the server gives them (JSON), except
 * {@code list}, which prints one line per model.
 */
@Command(name = "models", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Define, provision, retrain, stop, roll back and inspect models on a server.",
        footer = {"", "Exit status: 0 done, 1 the server refused (the reason is printed), 3 the server could"
                + " not be reached."})
final class ModelsCommand {
    static final int EXIT_OK = 0;
    static final int EXIT_REFUSED = 1;
    static final int EXIT_UNREACHABLE = 3;

    /** Where the server is and the key to use. */
    static final class Connection {
        @Option(names = "--url", paramLabel = "URL", defaultValue = "${env:ATTUNE_URL:-http://127.0.0.1:8080}",
                description = "Server address (env ATTUNE_URL; default ${DEFAULT-VALUE}).")
        String url;

        @Option(names = "--key", paramLabel = "KEY", defaultValue = "${env:ATTUNE_KEY}",
                description = "API key with the editor or admin role (env ATTUNE_KEY).")
        String key;
    }

    @Mixin
    Connection connection;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** One HTTP call; prints the answer. */
    @FunctionalInterface
    private interface Call {
        AttuneClient.Answer send(AttuneClient client) throws IOException, InterruptedException;
    }

    /** Sends the call and prints the answer as JSON. */
    private int run(Call call) {
        PrintWriter out = spec.commandLine().getOut();
        return run(call, body -> out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(body)));
    }

    /** How an accepted answer is printed. */
    @FunctionalInterface
    private interface Printer {
        void print(JsonNode body) throws IOException;
    }

    /** Sends the call; prints a refusal's reasons, or hands an accepted answer to {@code printer}. */
    private int run(Call call, Printer printer) {
        PrintWriter err = spec.commandLine().getErr();
        try {
            AttuneClient.Answer answer = call.send(new AttuneClient(connection.url, connection.key));
            if (!answer.ok()) {
                err.println("refused (" + answer.status() + "): " + answer.body().path("message").asText());
                for (JsonNode detail : answer.body().path("details")) {
                    err.println("  " + detail.path("path").asText() + ": " + detail.path("message").asText());
                }
                return EXIT_REFUSED;
            }
            printer.print(answer.body());
            return EXIT_OK;
        } catch (IOException e) {
            err.println("could not reach " + connection.url + ": " + e.getMessage());
            return EXIT_UNREACHABLE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return EXIT_UNREACHABLE;
        }
    }

    @Command(name = "list", description = "One line per model: id, kind, status, active version, name.")
    int list() {
        PrintWriter out = spec.commandLine().getOut();
        return run(client -> client.get("/v1/models"), body -> {
            for (JsonNode model : body.path("models")) {
                JsonNode progress = model.path("progress");
                out.printf("%-22s %-14s %-13s %-4s %s%s%n", model.path("id").asText(), model.path("kind").asText(),
                        model.path("status").asText(), model.has("activeVersion")
                                ? "v" + model.path("activeVersion").asInt() : "-",
                        model.path("name").asText(), progress.isMissingNode() ? ""
                                : "  (" + progress.path("phase").asText() + " " + progress.path("percent").asInt()
                                + "%)");
            }
        });
    }

    @Command(name = "kinds", description = "The model kinds with their params' defaults.")
    int kinds() {
        return run(client -> client.get("/v1/models/kinds"));
    }

    @Command(name = "create", description = "Define a model from a JSON file (see docs/api.md); saved as a draft.")
    int create(@Parameters(paramLabel = "FILE", description = "The definition, or - for stdin.") String file) {
        return run(client -> client.send("POST", "/v1/models", "application/json", read(file)));
    }

    @Command(name = "update", description = "Replace a draft's definition from a JSON file.")
    int update(@Parameters(paramLabel = "ID") String id,
               @Parameters(paramLabel = "FILE", description = "The definition, or - for stdin.") String file) {
        return run(client -> client.send("PUT", "/v1/models/" + id, "application/json", read(file)));
    }

    @Command(name = "show", description = "One model, with its status, active version and training progress.")
    int show(@Parameters(paramLabel = "ID") String id) {
        return run(client -> client.get("/v1/models/" + id));
    }

    @Command(name = "provision", description = "Start the initial training of a draft or failed model.")
    int provision(@Parameters(paramLabel = "ID") String id,
                  @Option(names = "--wait", description = "Wait until it is running or failed.") boolean wait) {
        int started = run(client -> client.send("POST", "/v1/models/" + id + "/provision", "application/json",
                new byte[0]));
        return started == EXIT_OK && wait ? await(id) : started;
    }

    @Command(name = "train", description = "Train a new version of a running model (the active one keeps serving).")
    int train(@Parameters(paramLabel = "ID") String id,
              @Option(names = "--wait", description = "Wait until the training is over.") boolean wait) {
        int started = run(client -> client.send("POST", "/v1/models/" + id + "/train", "application/json",
                new byte[0]));
        return started == EXIT_OK && wait ? await(id) : started;
    }

    @Command(name = "stop", description = "Stop a provisioning or running model (back to draft).")
    int stop(@Parameters(paramLabel = "ID") String id) {
        return run(client -> client.send("POST", "/v1/models/" + id + "/stop", "application/json", new byte[0]));
    }

    @Command(name = "rollback", description = "Serve another stored version of a running model.")
    int rollback(@Parameters(paramLabel = "ID") String id, @Parameters(paramLabel = "VERSION") int version) {
        return run(client -> client.send("POST", "/v1/models/" + id + "/rollback", "application/json",
                ("{\"version\": " + version + "}").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Command(name = "versions", description = "A model's versions, newest first, with data, metrics and timings.")
    int versions(@Parameters(paramLabel = "ID") String id) {
        return run(client -> client.get("/v1/models/" + id + "/versions"));
    }

    @Command(name = "analytics", description = "What the model's signals contributed (active version).")
    int analytics(@Parameters(paramLabel = "ID") String id) {
        return run(client -> client.get("/v1/models/" + id + "/analytics"));
    }

    @Command(name = "delete", description = "Delete a draft or failed model with its versions.")
    int delete(@Parameters(paramLabel = "ID") String id) {
        return run(client -> client.send("DELETE", "/v1/models/" + id, "application/json", new byte[0]));
    }

    /** Polls the model until no training is under way; 0 when it is running, 1 when it failed. */
    private int await(String id) {
        PrintWriter err = spec.commandLine().getErr();
        AttuneClient client = new AttuneClient(connection.url, connection.key);
        String lastPhase = "";
        try {
            while (true) {
                JsonNode model = client.get("/v1/models/" + id).body();
                JsonNode progress = model.path("progress");
                if (progress.isMissingNode() && !model.path("status").asText().equals("provisioning")) {
                    if (model.path("status").asText().equals("failed") || model.has("failure")) {
                        err.println("training failed: " + model.path("failure").asText());
                        return EXIT_REFUSED;
                    }
                    err.println("running version " + model.path("activeVersion").asInt());
                    return EXIT_OK;
                }
                String phase = progress.path("phase").asText() + " " + progress.path("percent").asInt() + "%";
                if (!phase.equals(lastPhase)) {
                    err.println("  " + phase);
                    lastPhase = phase;
                }
                Thread.sleep(Duration.ofMillis(250).toMillis());
            }
        } catch (IOException e) {
            err.println("could not reach " + connection.url + ": " + e.getMessage());
            return EXIT_UNREACHABLE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return EXIT_UNREACHABLE;
        }
    }

    private static byte[] read(String file) throws IOException {
        return file.equals("-") ? System.in.readAllBytes() : Files.readAllBytes(Path.of(file));
    }
}
