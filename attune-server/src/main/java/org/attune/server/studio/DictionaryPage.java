package org.attune.server.studio;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attune.core.dictionary.DataDictionary;
import org.attune.core.dictionary.DictionarySnapshot;
import org.attune.server.http.Access;
import org.attune.server.http.ApiRoute;

/**
 * The data dictionary as discovered from the events (the same as {@code GET /v1/dictionary}):
 * each event type with its count and when it was first and last seen, and each of its property
 * paths with the value types seen, the fill rate and an example.
 */
public final class DictionaryPage implements StudioPage {
    private final DataDictionary dictionary;

    public DictionaryPage(DataDictionary dictionary) {
        this.dictionary = dictionary;
    }

    @Override
    public List<ApiRoute> routes(Studio studio) {
        return List.of(ApiRoute.get("/studio/dictionary").access(Access.STUDIO).tag("Studio")
                .summary("The data dictionary: event types, their properties, counts, fill rates, examples")
                .textResponse(200, "The page", "text/html")
                .handle(studio.signedIn((ctx, session) -> studio.html(ctx, studio.pages().page("dictionary",
                        "Data dictionary", ctx.path(), session, model())))));
    }

    Map<String, Object> model() {
        DictionarySnapshot snapshot = dictionary.snapshot();
        List<Map<String, Object>> types = new ArrayList<>();
        for (DictionarySnapshot.EventType type : snapshot.types()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("type", type.type());
            row.put("count", String.format("%,d", type.count()));
            row.put("firstSeen", String.valueOf(type.firstSeen()));
            row.put("lastSeen", String.valueOf(type.lastSeen()));
            if (type.untrackedPaths() > 0) {
                row.put("untracked", String.format("%,d", type.untrackedPaths()));
            }
            List<Map<String, Object>> paths = new ArrayList<>();
            for (DictionarySnapshot.PropertyPath path : type.paths()) {
                paths.add(Map.of("path", path.path(), "types", String.join(", ", path.types().keySet()),
                        "events", String.format("%,d", path.events()),
                        "fillRate", String.format("%.1f%%", path.fillRate() * 100),
                        "example", path.example() == null ? "" : path.example()));
            }
            row.put("paths", paths);
            types.add(row);
        }
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("events", String.format("%,d", snapshot.events()));
        model.put("types", types);
        return model;
    }
}
