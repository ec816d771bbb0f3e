package org.attune.server.studio;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.attune.core.catalog.CatalogService;
import org.attune.core.decisioning.DecisioningDefinitions;
import org.attune.core.decisioning.Definitions;
import org.attune.core.security.ApiKey;
import org.attune.core.security.ApiKeys;
import org.attune.core.security.BrowserAccess;
import org.attune.core.security.Role;
import org.attune.core.validation.NotFoundException;
import org.attune.server.http.Access;
import org.attune.server.http.ApiRoute;

/**
 * A catalog's web tag: the snippet for its pages (pick the placements and the browser key,
 * copy), its browser keys, and for admins a form that makes a new one (its secret shown
 * once, filled into the snippet). The snippet is put together in the page by {@code studio.js}.
 */
public final class WebTagPage implements StudioPage {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

    private final CatalogService catalogs;
    private final DecisioningDefinitions definitions;
    private final ApiKeys keys;

    public WebTagPage(CatalogService catalogs, DecisioningDefinitions definitions, ApiKeys keys) {
        this.catalogs = catalogs;
        this.definitions = definitions;
        this.keys = keys;
    }

    @Override
    public List<ApiRoute> routes(Studio studio) {
        return List.of(
                ApiRoute.get("/studio/catalogs/{catalog}/web").access(Access.STUDIO).tag("Studio")
                        .summary("A catalog's web tag: the snippet for its pages and its browser keys")
                        .pathParam("catalog", "Catalog id")
                        .textResponse(200, "The page", "text/html")
                        .textResponse(404, "No such catalog", "text/html")
                        .handle(studio.signedIn((ctx, session) -> studio.html(ctx, studio.pages().page("web",
                                "Web tag", ctx.path(), session, model(ctx, session.role(), null))))),
                ApiRoute.post("/studio/catalogs/{catalog}/web/keys").access(Access.STUDIO).tag("Studio")
                        .summary("Makes a browser key for the catalog (admins): form fields name, origins (one per"
                                + " line) and placements; the page shows its secret once, in the snippet")
                        .pathParam("catalog", "Catalog id")
                        .textResponse(200, "The page with the new key's secret and snippet", "text/html")
                        .textResponse(400, "An invalid name, origin or placement: every problem", "text/html")
                        .textResponse(403, "Only admins make keys", "text/html")
                        .handle(studio.signedIn((ctx, session) -> {
                            if (session.role() != Role.ADMIN) {
                                studio.error(ctx, session, 403, "Only admins make keys",
                                        List.of("Ask an admin for a browser key, or paste one you have."));
                                return;
                            }
                            String catalog = catalog(ctx);
                            List<String> origins = Arrays.stream(String.valueOf(ctx.formParam("origins"))
                                    .split("[\\r\\n, ]+")).filter(o -> !o.isBlank()).toList();
                            ApiKeys.CreatedKey created = keys.createBrowserKey(ctx.formParam("name"),
                                    BrowserAccess.of(origins, List.of(catalog), ctx.formParams("placements"), null,
                                            catalogs::exists));
                            studio.html(ctx, studio.pages().page("web", "Web tag", ctx.path(), session,
                                    model(ctx, session.role(), created)));
                        })));
    }

    private String catalog(Context ctx) {
        String catalog = ctx.pathParam("catalog");
        if (!catalogs.exists(catalog)) {
            throw new NotFoundException("catalog_not_found", "There is no catalog '" + catalog + "'");
        }
        return catalog;
    }

    private Map<String, Object> model(Context ctx, Role role, ApiKeys.CreatedKey created) {
        String catalog = catalog(ctx);
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("catalog", catalog);
        model.put("name", catalogs.catalog(catalog).name());
        String server = Studio.serverUrl(ctx);
        model.put("server", server);
        List<String> chosen = created == null ? List.of() : created.key().browser().placements();
        List<Map<String, Object>> placements = new ArrayList<>();
        for (ObjectNode p : definitions.list(Definitions.Kind.PLACEMENT, catalog)) {
            String id = p.path("id").asText();
            placements.add(Map.of("id", id, "name", p.path("name").asText(id), "channel",
                    p.path("channel").asText("web"), "checked", chosen.isEmpty() ? "web".equals(p.path("channel")
                            .asText("web")) : chosen.contains(id)));
        }
        model.put("placements", placements);
        List<Map<String, Object>> browserKeys = new ArrayList<>();
        for (ApiKey key : keys.list()) {
            if (key.role() == Role.BROWSER && key.active() && key.browser().allowsCatalog(catalog)) {
                browserKeys.add(Map.of("id", key.id(), "name", key.name(), "prefix", key.prefix(),
                        "origins", String.join(", ", key.browser().origins()),
                        "placements", key.browser().placements().isEmpty() ? "all"
                                : String.join(", ", key.browser().placements()),
                        "created", DAY.format(key.createdAt().atZone(ZoneOffset.UTC))));
            }
        }
        model.put("keys", browserKeys);
        model.put("admin", role == Role.ADMIN);
        model.put("defaultOrigin", server);
        if (created != null) {
            model.put("secret", created.secret());
            model.put("createdName", created.key().name());
        }
        return model;
    }
}
