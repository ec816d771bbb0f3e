package org.attune.server.importing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.attune.core.json.Json;

/**
 * The column mappings shipped for well-known public data sets, chosen by name with
 * {@code --preset}. Each is a resource {@code import-presets/NAME.json}; the catalog
 * definitions they point to are under {@code import-presets/catalogs/}. An unknown name
 * fails before anything is read or sent.
 */
public final class ImportPresets {
    /** Every preset, in the order they are listed to users. */
    public static final List<String> NAMES = List.of(
            "movielens-100k-ratings", "movielens-100k-items",
            "movielens-1m-ratings", "movielens-1m-movies",
            "movielens-latest-ratings", "movielens-latest-tags", "movielens-latest-movies",
            "online-retail-purchases", "online-retail-products",
            "amazon-ratings", "yoochoose-clicks", "taobao-behavior");

    private static final String FOLDER = "/import-presets/";

    private ImportPresets() {
    }

    /**
     * Loads a preset with its catalog definition.
     *
     * @throws MappingException when the name is unknown
     */
    public static ResolvedMapping load(String name) {
        if (!NAMES.contains(name)) {
            throw new MappingException("--preset " + name, "no such preset; the presets are " + NAMES);
        }
        String origin = "preset " + name;
        ColumnMapping mapping = ColumnMapping.read(resource(name + ".json", origin), origin);
        JsonNode definition = mapping.catalogDefinition() == null ? null
                : resource(mapping.catalogDefinition(), origin);
        return new ResolvedMapping(mapping, definition, origin);
    }

    private static JsonNode resource(String relative, String origin) {
        try (InputStream in = ImportPresets.class.getResourceAsStream(FOLDER + relative)) {
            if (in == null) {
                throw new MappingException(origin, "resource " + FOLDER + relative + " is missing from the jar");
            }
            return Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new MappingException(origin, "resource " + FOLDER + relative + " is not valid JSON: "
                    + e.getMessage());
        }
    }
}
