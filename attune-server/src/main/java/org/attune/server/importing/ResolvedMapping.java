package org.attune.server.importing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.attune.core.json.Json;

/**
 * A column mapping together with the catalog definition it points to, read from a
 * mapping file or a preset. Immutable.
 *
 * @param mapping the mapping
 * @param catalogDefinition the catalog definition for {@code --create-catalog}, or null when the mapping names none
 * @param origin where it came from, for messages: the file name or {@code preset NAME}
 */
public record ResolvedMapping(ColumnMapping mapping, JsonNode catalogDefinition, String origin) {

    /**
     * Reads a mapping file; its {@code catalogDefinition} is resolved against the file's folder.
     *
     * @throws MappingException when the file or the definition it names is unreadable or invalid
     */
    public static ResolvedMapping fromFile(Path file) {
        String origin = file.toString();
        ColumnMapping mapping = ColumnMapping.read(readJson(file, origin), origin);
        JsonNode definition = null;
        if (mapping.catalogDefinition() != null) {
            Path parent = file.toAbsolutePath().getParent();
            Path definitionFile = parent.resolve(mapping.catalogDefinition());
            definition = readJson(definitionFile, origin + " (catalogDefinition " + mapping.catalogDefinition() + ")");
        }
        return new ResolvedMapping(mapping, definition, origin);
    }

    /** Reads a JSON file, turning every failure into a {@link MappingException} that names the file. */
    static JsonNode readJson(Path file, String origin) {
        try {
            return Json.MAPPER.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new MappingException(origin, "file not found: " + file);
        } catch (IOException e) {
            throw new MappingException(origin, "not readable as JSON: " + e.getMessage());
        }
    }
}
