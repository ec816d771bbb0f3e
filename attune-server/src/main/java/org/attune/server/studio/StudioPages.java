package org.attune.server.studio;

import com.github.jknack.handlebars.Handlebars;
import com.github.jknack.handlebars.Template;
import com.github.jknack.handlebars.io.ClassPathTemplateLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Renders studio pages: a page's template (from {@code /studio/templates}) gives the body,
 * which the layout wraps with the navigation, the signed-in person and the CSRF token.
 * Values are HTML-escaped unless a template says otherwise. Templates compile once.
 */
public final class StudioPages {
    /** The navigation, in order: path and label. */
    static final List<Map.Entry<String, String>> NAVIGATION = List.of(
            Map.entry("/studio", "Catalogs"),
            Map.entry("/studio/setup", "Set up"),
            Map.entry("/studio/models", "Models"),
            Map.entry("/studio/decisioning", "Decisioning"),
            Map.entry("/studio/dictionary", "Data dictionary"),
            Map.entry("/studio/profiles", "Profiles"));

    private final Handlebars handlebars = new Handlebars(new ClassPathTemplateLoader("/studio/templates", ".hbs"));
    private final Map<String, Template> compiled = new ConcurrentHashMap<>();

    /** A whole page: {@code template} rendered with {@code model}, inside the layout. */
    public String page(String template, String title, String path, StudioSessions.Session session,
                       Map<String, Object> model) {
        Map<String, Object> layout = new LinkedHashMap<>();
        layout.put("title", title);
        layout.put("body", fragment(template, session, model));
        if (session != null) {
            layout.put("account", session.account());
            layout.put("role", session.role().jsonName());
            layout.put("csrf", session.csrfToken());
            layout.put("navigation", NAVIGATION.stream().map(entry -> Map.of("path", entry.getKey(),
                    "label", entry.getValue(), "current", isCurrent(entry.getKey(), path))).toList());
        }
        return render("layout", layout);
    }

    /** A template alone, for an htmx swap or a page body. */
    public String fragment(String template, Map<String, Object> model) {
        return render(template, model);
    }

    /** The same with the session's CSRF token as {@code csrf}, for a template with forms. */
    public String fragment(String template, StudioSessions.Session session, Map<String, Object> model) {
        Map<String, Object> values = new LinkedHashMap<>(model);
        if (session != null) {
            values.put("csrf", session.csrfToken());
        }
        return render(template, values);
    }

    /**
     * Whether a navigation entry is the page's: {@code /studio/x} is current for its own paths and
     * for one catalog's {@code /studio/catalogs/{c}/x...}; Catalogs for the other catalog pages.
     */
    private static boolean isCurrent(String navigation, String path) {
        if (!navigation.equals("/studio")) {
            return path.startsWith(navigation) || path.matches("/studio/catalogs/[^/]+"
                    + navigation.substring("/studio".length()) + "(/.*)?");
        }
        return (path.equals("/studio") || path.startsWith("/studio/catalogs")) && NAVIGATION.stream()
                .noneMatch(entry -> !entry.getKey().equals("/studio") && isCurrent(entry.getKey(), path));
    }

    private String render(String name, Object model) {
        Template template = compiled.computeIfAbsent(name, n -> {
            try {
                return handlebars.compile(n);
            } catch (IOException e) {
                throw new UncheckedIOException("studio template " + n, e);
            }
        });
        try {
            return template.apply(model);
        } catch (IOException e) {
            throw new UncheckedIOException("studio template " + name, e);
        }
    }
}
