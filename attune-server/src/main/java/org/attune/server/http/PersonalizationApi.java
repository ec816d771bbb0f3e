package org.attune.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.util.Map;
import org.attune.core.json.Json;
import org.attune.core.personalization.PersonalizationSetups;
import org.attune.core.personalization.SetupRun;

/** Handlers for a catalog's personalization setup, its viability report, actions and runs. */
final class PersonalizationApi {
    private final PersonalizationSetups setups;

    PersonalizationApi(PersonalizationSetups setups) {
        this.setups = setups;
    }

    void start(Context ctx) {
        ApiJson.write(ctx, 202, setups.start(ctx.pathParam("catalog"), RequestBodies.readJson(ctx)).toJson());
    }

    void get(Context ctx) {
        ApiJson.write(ctx, 200, setups.get(ctx.pathParam("catalog")).toJson());
    }

    void viability(Context ctx) {
        ApiJson.write(ctx, 200, setups.viability(ctx.pathParam("catalog")).toJson());
    }

    void activate(Context ctx) {
        ApiJson.write(ctx, 200, setups.activate(ctx.pathParam("catalog"), optionalJson(ctx)).toJson());
    }

    void activateAnyway(Context ctx) {
        ApiJson.write(ctx, 200, setups.activateAnyway(ctx.pathParam("catalog"), optionalJson(ctx)).toJson());
    }

    void restart(Context ctx) {
        ApiJson.write(ctx, 202, setups.restart(ctx.pathParam("catalog"), RequestBodies.readJson(ctx)).toJson());
    }

    void retry(Context ctx) {
        ApiJson.write(ctx, 202, setups.retry(ctx.pathParam("catalog")).toJson());
    }

    void deactivate(Context ctx) {
        ApiJson.write(ctx, 200, setups.deactivate(ctx.pathParam("catalog")).toJson());
    }

    void runs(Context ctx) {
        ApiJson.write(ctx, 200, Map.of("runs", setups.runs(ctx.pathParam("catalog")).stream()
                .map(SetupRun::toJson).toList()));
    }

    void runNow(Context ctx) {
        ApiJson.write(ctx, 202, setups.runNow(ctx.pathParam("catalog")).toJson());
    }

    /** The body when there is one, else an empty object (the actions take optional settings). */
    private static JsonNode optionalJson(Context ctx) {
        String length = ctx.header("Content-Length");
        if (length == null || length.equals("0")) {
            return Json.MAPPER.createObjectNode();
        }
        return RequestBodies.readJson(ctx);
    }
}
