package org.attune.server.studio;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attune.core.decisioning.DecisioningDefinitions;
import org.attune.core.decisioning.Definitions;
import org.attune.server.http.Access;
import org.attune.server.http.ApiRoute;

/**
 * What a placement would show someone, without recording anything: pick a placement, then an
 * existing person by one of their ids, a new visitor, or a few typed events; the answer
 * ({@link PlacementPreview}) shows which source answered and each product with its image,
 * title and explanation.
 */
public final class PreviewPage implements StudioPage {
    private final DecisioningDefinitions definitions;
    private final PlacementPreview preview;

    public PreviewPage(DecisioningDefinitions definitions, PlacementPreview preview) {
        this.definitions = definitions;
        this.preview = preview;
    }

    @Override
    public List<ApiRoute> routes(Studio studio) {
        return List.of(ApiRoute.get("/studio/catalogs/{catalog}/preview").access(Access.STUDIO).tag("Studio")
                .summary("Preview a placement for a person or for typed events; records nothing")
                .pathParam("catalog", "Catalog id")
                .queryParam("placement", "string", "The placement")
                .queryParam("person", "string", "An anonymous id or user id of an existing person")
                .queryParam("events", "string", "Instead of a person: events, one per line, 'type product-id'")
                .textResponse(200, "The page, with the decision when a placement was chosen", "text/html")
                .textResponse(400, "Typed events that cannot be read: the reasons per line", "text/html")
                .handle(studio.signedIn((ctx, session) -> {
                    String catalog = ctx.pathParam("catalog");
                    studio.html(ctx, studio.pages().page("preview", "Preview", ctx.path(), session,
                            model(catalog, ctx.queryParam("placement"), ctx.queryParam("person"),
                                    ctx.queryParam("events"))));
                })));
    }

    Map<String, Object> model(String catalog, String placement, String person, String typedEvents) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("catalog", catalog);
        List<Map<String, Object>> placements = new ArrayList<>();
        for (ObjectNode p : definitions.list(Definitions.Kind.PLACEMENT, catalog)) {
            String id = p.path("id").asText();
            placements.add(Map.of("id", id, "name", p.path("name").asText(id), "selected", id.equals(placement)));
        }
        model.put("placements", placements);
        String chosen = placement != null && !placement.isBlank() ? placement
                : placements.isEmpty() ? null : (String) placements.get(0).get("id");
        if (chosen != null) {
            model.put("recentPeople", preview.recentPeople(catalog).stream().map(id -> Map.of("id", id,
                    "href", "/studio/catalogs/" + Studio.encode(catalog) + "/preview?placement=" + Studio.encode(chosen)
                            + "&person=" + Studio.encode(id))).toList());
        }
        model.put("person", person == null ? "" : person);
        model.put("events", typedEvents == null ? "" : typedEvents);
        if (placement != null && !placement.isBlank()) {
            model.put("decision", preview.decision(catalog, placement, person, typedEvents));
        }
        return model;
    }
}
