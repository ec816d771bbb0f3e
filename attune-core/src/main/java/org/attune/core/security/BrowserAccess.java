package org.attune.core.security;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.attune.core.validation.InvalidInputException;
import org.attune.core.validation.Problem;

/**
 * Where and for what a browser key works: the web pages' origins it is accepted from, the
 * catalogs it sends events for and asks decisions and re-ranks of, the placements it may ask
 * for (all of those catalogs' when empty), and how many requests one client address may make
 * with it per second. A browser key sits in a page's source for anyone to read: these limits
 * are what keeps another site, or a script, from spending it.
 *
 * @param origins {@code scheme://host[:port]} of the pages, lower case, default ports left out;
 *     a host {@code *.example.com} stands for every subdomain of example.com (not example.com)
 * @param catalogs the catalogs it may be used for, at least one
 * @param placements the placements it may ask for; empty for every placement of its catalogs
 * @param requestsPerAddressPerSecond requests one client address may make with this key per second
 */
public record BrowserAccess(List<String> origins, List<String> catalogs, List<String> placements,
                            int requestsPerAddressPerSecond) {
    /** What catalog and placement ids are made of (catalog ids are narrower still). */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");
    public static final int MAX_ORIGINS = 50;
    public static final int MAX_CATALOGS = 50;
    public static final int MAX_PLACEMENTS = 200;
    public static final int DEFAULT_REQUESTS_PER_ADDRESS_PER_SECOND = 20;
    public static final int MAX_REQUESTS_PER_ADDRESS_PER_SECOND = 10_000;

    public BrowserAccess {
        origins = List.copyOf(origins);
        catalogs = List.copyOf(catalogs);
        placements = List.copyOf(placements);
    }

    /**
     * Checks and normalizes what a user gave; every problem at once.
     *
     * @param requestsPerAddressPerSecond null for {@value #DEFAULT_REQUESTS_PER_ADDRESS_PER_SECOND}
     * @param catalogExists whether a catalog of that id exists
     * @throws InvalidInputException {@code invalid_key} with a problem per bad field or value
     */
    public static BrowserAccess of(List<String> origins, List<String> catalogs, List<String> placements,
                                   Integer requestsPerAddressPerSecond, Predicate<String> catalogExists) {
        List<Problem> problems = new ArrayList<>();
        LinkedHashSet<String> normalized = new LinkedHashSet<>();
        if (origins == null || origins.isEmpty() || origins.size() > MAX_ORIGINS) {
            problems.add(new Problem("origins", "invalid_origins", "origins lists 1 to " + MAX_ORIGINS
                    + " origins of the pages that use the key, such as \"https://shop.example.com\""));
        } else {
            for (int i = 0; i < origins.size(); i++) {
                String origin = normalizeOrigin(origins.get(i));
                if (origin == null) {
                    problems.add(new Problem("origins[" + i + "]", "invalid_origin", "an origin is"
                            + " http(s)://host[:port] with no path, such as \"https://shop.example.com\" or"
                            + " \"https://*.example.com\" for its subdomains"));
                } else {
                    normalized.add(origin);
                }
            }
        }
        if (catalogs == null || catalogs.isEmpty() || catalogs.size() > MAX_CATALOGS) {
            problems.add(new Problem("catalogs", "invalid_catalogs", "catalogs lists the 1 to " + MAX_CATALOGS
                    + " catalogs the key is for"));
        } else {
            ids(catalogs, "catalogs", problems);
            for (int i = 0; i < catalogs.size(); i++) {
                String catalog = catalogs.get(i);
                if (catalog != null && ID.matcher(catalog).matches() && !catalogExists.test(catalog)) {
                    problems.add(new Problem("catalogs[" + i + "]", "catalog_not_found", "there is no catalog '"
                            + catalog + "'"));
                }
            }
        }
        List<String> placementIds = placements == null ? List.of() : placements;
        if (placementIds.size() > MAX_PLACEMENTS) {
            problems.add(new Problem("placements", "invalid_placements", "at most " + MAX_PLACEMENTS
                    + " placements; leave it out for every placement of the key's catalogs"));
        } else {
            ids(placementIds, "placements", problems);
        }
        int rate = requestsPerAddressPerSecond == null ? DEFAULT_REQUESTS_PER_ADDRESS_PER_SECOND
                : requestsPerAddressPerSecond;
        if (rate < 1 || rate > MAX_REQUESTS_PER_ADDRESS_PER_SECOND) {
            problems.add(new Problem("requestsPerAddressPerSecond", "invalid_rate", "requestsPerAddressPerSecond is"
                    + " 1 to " + MAX_REQUESTS_PER_ADDRESS_PER_SECOND + " (default "
                    + DEFAULT_REQUESTS_PER_ADDRESS_PER_SECOND + ")"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException("invalid_key", "The key definition has a problem", problems);
        }
        return new BrowserAccess(List.copyOf(normalized), List.copyOf(new LinkedHashSet<>(catalogs)),
                List.copyOf(new LinkedHashSet<>(placementIds)), rate);
    }

    private static void ids(List<String> ids, String field, List<Problem> problems) {
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            if (id == null || !ID.matcher(id).matches()) {
                problems.add(new Problem(field + "[" + i + "]", "invalid_id", "an id is 1 to 128 letters, digits"
                        + " and ._-"));
            }
        }
    }

    /** Whether a page of this origin (the request's {@code Origin} header) may use the key. */
    public boolean allowsOrigin(String origin) {
        String asked = origin == null ? null : normalizeOrigin(origin);
        if (asked == null || asked.contains("*")) {
            return false;
        }
        for (String allowed : origins) {
            if (allowed.equals(asked)) {
                return true;
            }
            int wildcard = allowed.indexOf("://*.");
            if (wildcard > 0) {
                String scheme = allowed.substring(0, wildcard + 3);
                String suffix = allowed.substring(wildcard + 4);
                if (asked.startsWith(scheme) && asked.endsWith(suffix)
                        && asked.length() > scheme.length() + suffix.length()) {
                    return true;
                }
            }
        }
        return false;
    }

    public boolean allowsCatalog(String catalog) {
        return catalogs.contains(catalog);
    }

    public boolean allowsPlacement(String placement) {
        return placements.isEmpty() || placements.contains(placement);
    }

    /**
     * The origin as browsers send it: lower case, no default port, no trailing slash; null when
     * it is not an http(s) origin (a path, a query, a user, {@code null} as sandboxed pages send).
     */
    static String normalizeOrigin(String text) {
        if (text == null || text.length() > 300) {
            return null;
        }
        String value = text.trim().toLowerCase(Locale.ROOT);
        if (value.endsWith("/")) {
            value = value.substring(0, value.length() - 1);
        }
        boolean wildcard = value.startsWith("https://*.") || value.startsWith("http://*.");
        URI uri;
        try {
            uri = new URI(wildcard ? value.replace("://*.", "://wildcard.") : value);
        } catch (URISyntaxException e) {
            return null;
        }
        String scheme = uri.getScheme();
        if (!("http".equals(scheme) || "https".equals(scheme)) || uri.getHost() == null || uri.getRawUserInfo() != null
                || !(uri.getRawPath() == null || uri.getRawPath().isEmpty()) || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            return null;
        }
        int port = uri.getPort();
        boolean defaultPort = port == -1 || ("http".equals(scheme) && port == 80) || ("https".equals(scheme)
                && port == 443);
        String host = wildcard ? "*." + uri.getHost().substring("wildcard.".length()) : uri.getHost();
        return scheme + "://" + host + (defaultPort ? "" : ":" + port);
    }
}
