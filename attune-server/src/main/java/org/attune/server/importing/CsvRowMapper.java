package org.attune.server.importing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;
import org.attune.core.validation.Problem;

/**
 * Applies a {@link ColumnMapping} to the rows of one file, once the file's column names are
 * known. Stateless after construction, so thread-safe.
 */
public final class CsvRowMapper {

    /** What became of one row. */
    public sealed interface Outcome {
    }

    /** The row became this record. */
    public record Mapped(ObjectNode record) implements Outcome {
    }

    /** The row was skipped because this {@code skipIf} condition held. */
    public record Skipped(RowCondition because) implements Outcome {
    }

    /** The row could not be mapped (a cell could not be converted, or the row is short). */
    public record Failed(List<Problem> problems) implements Outcome {
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ColumnMapping mapping;
    private final Map<String, Integer> columnIndex = new HashMap<>();
    private final List<List<String>> paths;
    /** For each rule, a small number shared by all rules of the same field, so the first applicable one wins. */
    private final int[] fieldSlot;
    private final int slotCount;

    /**
     * @param columnNames the file's column names in order (from its header or the mapping)
     * @throws MappingException when the mapping reads a column the file does not have
     */
    public CsvRowMapper(ColumnMapping mapping, List<String> columnNames, String origin) {
        this.mapping = mapping;
        List<String> names = mapping.csv().columns().isEmpty() ? columnNames : mapping.csv().columns();
        for (int i = 0; i < names.size(); i++) {
            columnIndex.putIfAbsent(names.get(i), i);
        }
        List<String> missing = mapping.columnsUsed().stream().filter(c -> !columnIndex.containsKey(c)).toList();
        if (!missing.isEmpty()) {
            throw new MappingException(origin, "the mapping reads column(s) " + missing + " but the file has "
                    + names + (mapping.csv().header() ? " (from its header line)" : " (from csv.columns)"));
        }
        paths = mapping.fields().stream().map(FieldRule::path).toList();
        Map<String, Integer> slots = new HashMap<>();
        fieldSlot = new int[mapping.fields().size()];
        for (int i = 0; i < fieldSlot.length; i++) {
            fieldSlot[i] = slots.computeIfAbsent(mapping.fields().get(i).field(), f -> slots.size());
        }
        slotCount = slots.size();
    }

    /**
     * Maps one row.
     *
     * @param line the row's line number in the file, for {@code {$line}} in templates
     */
    public Outcome map(CSVRecord row, long line) {
        List<Problem> problems = new ArrayList<>(0);
        for (RowCondition condition : mapping.skipIf()) {
            String cell = cell(row, condition.column(), problems);
            if (cell != null && condition.holds(cell)) {
                return new Skipped(condition);
            }
        }
        if (!problems.isEmpty()) {
            return new Failed(problems);
        }
        ObjectNode record = NODES.objectNode();
        boolean[] filled = new boolean[slotCount];
        List<FieldRule> rules = mapping.fields();
        for (int i = 0; i < rules.size(); i++) {
            FieldRule rule = rules.get(i);
            if (filled[fieldSlot[i]]) {
                continue;
            }
            if (rule.when() != null) {
                String cell = cell(row, rule.when().column(), problems);
                if (cell == null || !rule.when().holds(cell)) {
                    continue;
                }
            }
            filled[fieldSlot[i]] = true;
            JsonNode value = value(rule, row, line, problems);
            if (value != null) {
                put(record, paths.get(i), value);
            }
        }
        return problems.isEmpty() ? new Mapped(record) : new Failed(problems);
    }

    private JsonNode value(FieldRule rule, CSVRecord row, long line, List<Problem> problems) {
        FieldSource source = rule.source();
        String text;
        if (source instanceof FieldSource.Constant constant) {
            return constant.value();
        } else if (source instanceof FieldSource.Column column) {
            text = cell(row, column.name(), problems);
        } else if (source instanceof FieldSource.Template template) {
            text = fill(template, row, line, problems);
        } else {
            List<String> set = new ArrayList<>();
            for (String name : ((FieldSource.Flags) source).names()) {
                String cell = cell(row, name, problems);
                if (cell != null && isSet(cell)) {
                    set.add(name);
                }
            }
            return set.isEmpty() && rule.skipIfEmpty() ? null : rule.listOf(set);
        }
        if (text == null) {
            return null;
        }
        try {
            return rule.convert(text);
        } catch (UnconvertibleValueException e) {
            String from = source instanceof FieldSource.Column column ? "column " + column.name() + ": "
                    : "template " + ((FieldSource.Template) source).text() + ": ";
            problems.add(new Problem(rule.field(), "unconvertible_value", from + e.getMessage()));
            return null;
        }
    }

    private String fill(FieldSource.Template template, CSVRecord row, long line, List<Problem> problems) {
        StringBuilder text = new StringBuilder(32);
        for (FieldSource.TemplatePart part : template.parts()) {
            if (!part.placeholder()) {
                text.append(part.text());
            } else if (part.text().equals(FieldSource.LINE_PLACEHOLDER)) {
                text.append(line);
            } else {
                String cell = cell(row, part.text(), problems);
                if (cell == null) {
                    return null;
                }
                text.append(cell);
            }
        }
        return text.toString();
    }

    /** The cell of a column, or null (with a problem noted once) when the row is too short to have it. */
    private String cell(CSVRecord row, String column, List<Problem> problems) {
        int index = columnIndex.get(column);
        if (index < row.size()) {
            return row.get(index);
        }
        if (problems.stream().noneMatch(p -> p.code().equals("short_row"))) {
            problems.add(new Problem("", "short_row", "the line has " + row.size() + " cell(s) but column '" + column
                    + "' is cell " + (index + 1)));
        }
        return null;
    }

    private static boolean isSet(String cell) {
        String flag = cell.strip();
        return flag.equals("1") || flag.equalsIgnoreCase("true") || flag.equalsIgnoreCase("yes");
    }

    private static void put(ObjectNode record, List<String> path, JsonNode value) {
        ObjectNode parent = record;
        for (int i = 0; i < path.size() - 1; i++) {
            JsonNode child = parent.get(path.get(i));
            parent = child instanceof ObjectNode object ? object : parent.putObject(path.get(i));
        }
        parent.set(path.get(path.size() - 1), value);
    }
}
