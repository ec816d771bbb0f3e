package org.attune.server.importing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a mapped field takes its value from: a column, a constant, a template over
 * columns, or a set of 0/1 flag columns. Immutable and thread-safe.
 */
public sealed interface FieldSource {

    /** The placeholder of a template that stands for the line number in the file. */
    String LINE_PLACEHOLDER = "$line";

    /** The columns this source reads (checked against the file's columns before the import starts). */
    List<String> columns();

    /** {@code "column": "CustomerID"}: the cell of one column. */
    record Column(String name) implements FieldSource {
        @Override
        public List<String> columns() {
            return List.of(name);
        }
    }

    /** {@code "value": "purchase"}: the same JSON value on every record. */
    record Constant(JsonNode value) implements FieldSource {
        @Override
        public List<String> columns() {
            return List.of();
        }
    }

    /**
     * {@code "template": "{InvoiceNo}-{StockCode}-{$line}"}: text with column cells filled in;
     * {@code {$line}} is the record's line number in the file.
     *
     * @param text the template as written
     * @param parts literal text and placeholders in order
     */
    record Template(String text, List<TemplatePart> parts) implements FieldSource {
        public Template {
            parts = List.copyOf(parts);
        }

        /**
         * @throws IllegalArgumentException when a brace is not closed or a placeholder is empty
         */
        public static Template parse(String text) {
            List<TemplatePart> parts = new ArrayList<>();
            int at = 0;
            while (at < text.length()) {
                int open = text.indexOf('{', at);
                if (open < 0) {
                    parts.add(new TemplatePart(text.substring(at), false));
                    break;
                }
                if (open > at) {
                    parts.add(new TemplatePart(text.substring(at, open), false));
                }
                int close = text.indexOf('}', open);
                if (close < 0) {
                    throw new IllegalArgumentException("'{' at position " + open + " is not closed");
                }
                String name = text.substring(open + 1, close);
                if (name.isEmpty()) {
                    throw new IllegalArgumentException("empty placeholder '{}' at position " + open);
                }
                parts.add(new TemplatePart(name, true));
                at = close + 1;
            }
            return new Template(text, parts);
        }

        @Override
        public List<String> columns() {
            return parts.stream().filter(p -> p.placeholder() && !p.text().equals(LINE_PLACEHOLDER))
                    .map(TemplatePart::text).toList();
        }
    }

    /**
     * One piece of a template.
     *
     * @param text literal text, or the column name (or {@code $line}) of a placeholder
     * @param placeholder whether this piece is a placeholder
     */
    record TemplatePart(String text, boolean placeholder) {
    }

    /**
     * {@code "flags": ["Action", "Comedy"]}: the names of those columns whose cell is 1 (or
     * true/yes), as a list; how MovieLens 100K marks the genres of a movie.
     */
    record Flags(List<String> names) implements FieldSource {
        public Flags {
            names = List.copyOf(names);
        }

        @Override
        public List<String> columns() {
            return names;
        }
    }
}
