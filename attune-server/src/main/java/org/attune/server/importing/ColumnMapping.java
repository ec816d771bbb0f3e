package org.attune.server.importing;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.PatternSyntaxException;

/**
 * How the rows of a CSV file become JSON records (events or products): CSV options, rows
 * to skip, and one rule per target field. Read from a mapping file or a preset; every
 * problem of the file is reported at once, before anything is sent (see docs/import.md
 * for the format). Immutable and thread-safe.
 *
 * @param description what the mapping is for (shown in reports), may be null
 * @param target what the mapping produces, or null when it does not say
 * @param catalogDefinition the catalog definition used by {@code --create-catalog}, a path
 *     relative to the mapping's own location; may be null
 * @param csv how the file is read
 * @param skipIf rows for which any of these holds are skipped (and counted per condition)
 * @param fields the rules that build each record, in order
 */
public record ColumnMapping(String description, ImportTarget target, String catalogDefinition, CsvOptions csv,
                            List<RowCondition> skipIf, List<FieldRule> fields) {

    private static final Set<String> MAPPING_KEYS = Set.of("description", "target", "catalogDefinition", "csv",
            "skipIf", "fields");
    private static final Set<String> CSV_KEYS = Set.of("delimiter", "header", "columns", "charset", "quote", "trim");
    private static final Set<String> FIELD_KEYS = Set.of("field", "column", "value", "template", "flags", "as",
            "split", "pattern", "zone", "locale", "map", "skipIfEmpty", "when");
    private static final Set<String> CONDITION_KEYS = Set.of("column", "empty", "equals", "startsWith", "matches",
            "in");
    private static final Set<String> SOURCE_KEYS = Set.of("column", "value", "template", "flags");

    public ColumnMapping {
        skipIf = List.copyOf(skipIf);
        fields = List.copyOf(fields);
    }

    /** Every column the mapping reads, in first-use order. */
    public List<String> columnsUsed() {
        Set<String> columns = new java.util.LinkedHashSet<>();
        skipIf.forEach(c -> columns.add(c.column()));
        for (FieldRule rule : fields) {
            if (rule.when() != null) {
                columns.add(rule.when().column());
            }
            columns.addAll(rule.source().columns());
        }
        return List.copyOf(columns);
    }

    /**
     * Checks that the mapping can produce records of this kind: field names the API knows
     * (for events), flat names (for products), and the fields a record cannot do without.
     *
     * @throws MappingException with every problem found
     */
    public void checkFor(ImportTarget kind, String origin) {
        List<String> problems = new ArrayList<>();
        if (target != null && target != kind) {
            problems.add("this mapping produces " + target.jsonName() + ", not " + kind.jsonName()
                    + "; use `attune import " + target.jsonName() + "`");
        }
        Set<String> named = new HashSet<>();
        for (FieldRule rule : fields) {
            List<String> path = rule.path();
            named.add(path.get(0));
            if (kind == ImportTarget.PRODUCTS && path.size() > 1) {
                problems.add("field '" + rule.field() + "': products are flat (id plus catalog attributes),"
                        + " so field names have no dots");
            }
            if (kind == ImportTarget.EVENTS) {
                String top = path.get(0);
                if (!kind.topLevelFields().contains(top)) {
                    problems.add("field '" + rule.field() + "': events have no field '" + top + "'; free data goes"
                            + " under properties.* or context.* (fields: " + kind.topLevelFields().stream().sorted()
                            .toList() + ")");
                } else if (path.size() > 1 && !top.equals("properties") && !top.equals("context")) {
                    problems.add("field '" + rule.field() + "': only properties and context have sub-fields");
                }
            }
        }
        if (!named.contains(kind.idField()) && kind == ImportTarget.PRODUCTS) {
            problems.add("a products mapping needs a rule for 'id'");
        }
        if (kind == ImportTarget.EVENTS && !named.contains("type")) {
            problems.add("an events mapping needs a rule for 'type' (e.g. {\"field\": \"type\", \"value\": \"view\"})");
        }
        if (!problems.isEmpty()) {
            throw new MappingException(origin, problems);
        }
    }

    /**
     * Reads a mapping from its JSON form.
     *
     * @param origin where the JSON came from, for messages (a file name or {@code preset NAME})
     * @throws MappingException with every problem found
     */
    public static ColumnMapping read(JsonNode json, String origin) {
        List<String> problems = new ArrayList<>();
        if (json == null || !json.isObject()) {
            throw new MappingException(origin, "a mapping must be a JSON object");
        }
        unknownKeys(json, MAPPING_KEYS, "", problems);
        ImportTarget target = null;
        if (json.hasNonNull("target")) {
            String name = json.path("target").asText();
            target = name.equals("events") ? ImportTarget.EVENTS : name.equals("products") ? ImportTarget.PRODUCTS
                    : null;
            if (target == null) {
                problems.add("target must be \"events\" or \"products\", got '" + name + "'");
            }
        }
        CsvOptions csv = readCsv(json.path("csv"), problems);
        List<RowCondition> skipIf = new ArrayList<>();
        JsonNode skipNode = json.path("skipIf");
        if (skipNode.isObject()) {
            addCondition(skipNode, "skipIf", skipIf, problems);
        } else if (skipNode.isArray()) {
            for (int i = 0; i < skipNode.size(); i++) {
                addCondition(skipNode.get(i), "skipIf[" + i + "]", skipIf, problems);
            }
        } else if (!skipNode.isMissingNode() && !skipNode.isNull()) {
            problems.add("skipIf must be a condition or a list of conditions");
        }
        List<FieldRule> fields = new ArrayList<>();
        JsonNode fieldList = json.path("fields");
        if (!fieldList.isArray() || fieldList.isEmpty()) {
            problems.add("fields must be a non-empty list of {\"field\": ..., \"column\"|\"value\"|\"template\"|"
                    + "\"flags\": ...}");
        } else {
            Set<String> unconditional = new HashSet<>();
            for (int i = 0; i < fieldList.size(); i++) {
                JsonNode node = fieldList.get(i);
                String field = text(node, "field");
                if (field != null && unconditional.contains(field)) {
                    problems.add("fields[" + i + "] ('" + field + "') is never used: an earlier rule for"
                            + " the same field has no \"when\"");
                }
                if (field != null && !node.has("when")) {
                    unconditional.add(field);
                }
                FieldRule rule = readField(node, "fields[" + i + "]", problems);
                if (rule != null) {
                    fields.add(rule);
                }
            }
            checkPathsDoNotOverlap(fields, problems);
        }
        if (!csv.header() && csv.columns().isEmpty()) {
            problems.add("csv.columns must name the columns when csv.header is false");
        }
        if (!problems.isEmpty()) {
            throw new MappingException(origin, problems);
        }
        return new ColumnMapping(text(json, "description"), target, text(json, "catalogDefinition"), csv, skipIf,
                fields);
    }

    private static CsvOptions readCsv(JsonNode node, List<String> problems) {
        CsvOptions defaults = CsvOptions.DEFAULTS;
        if (node.isMissingNode() || node.isNull()) {
            return defaults;
        }
        if (!node.isObject()) {
            problems.add("csv must be an object");
            return defaults;
        }
        unknownKeys(node, CSV_KEYS, "csv.", problems);
        String delimiter = node.hasNonNull("delimiter") ? node.get("delimiter").asText() : defaults.delimiter();
        if (delimiter.isEmpty() || delimiter.contains("\n") || delimiter.contains("\r")) {
            problems.add("csv.delimiter must be a non-empty text without line breaks");
            delimiter = defaults.delimiter();
        }
        Charset charset = defaults.charset();
        if (node.hasNonNull("charset")) {
            try {
                charset = Charset.forName(node.get("charset").asText());
            } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                problems.add("csv.charset '" + node.get("charset").asText() + "' is not a known character set"
                        + " (e.g. UTF-8, ISO-8859-1, windows-1252)");
            }
        }
        Character quote = defaults.quote();
        if (node.has("quote")) {
            JsonNode q = node.get("quote");
            if (q.isNull()) {
                quote = null;
            } else if (q.isTextual() && q.asText().length() == 1) {
                quote = q.asText().charAt(0);
            } else {
                problems.add("csv.quote must be one character, or null for files without quoting");
            }
        }
        List<String> columns = new ArrayList<>();
        JsonNode columnList = node.path("columns");
        if (columnList.isArray()) {
            columnList.forEach(c -> columns.add(c.asText()));
            if (new HashSet<>(columns).size() != columns.size()) {
                problems.add("csv.columns names a column twice");
            }
        } else if (!columnList.isMissingNode()) {
            problems.add("csv.columns must be a list of names");
        }
        boolean header = bool(node, "header", defaults.header(), "csv.", problems);
        boolean trim = bool(node, "trim", defaults.trim(), "csv.", problems);
        if (quote != null && delimiter.indexOf(quote) >= 0) {
            problems.add("csv.quote and csv.delimiter overlap");
        }
        return new CsvOptions(delimiter, header, columns, charset, quote, trim);
    }

    private static FieldRule readField(JsonNode node, String at, List<String> problems) {
        if (!node.isObject()) {
            problems.add(at + " must be an object");
            return null;
        }
        int before = problems.size();
        unknownKeys(node, FIELD_KEYS, at + ".", problems);
        String field = text(node, "field");
        if (field == null || field.isEmpty() || field.startsWith(".") || field.endsWith(".") || field.contains("..")) {
            problems.add(at + ".field must name the target field, e.g. \"userId\" or \"properties.quantity\"");
        }
        String where = at + (field == null ? "" : " ('" + field + "')");
        List<String> sources = SOURCE_KEYS.stream().filter(node::has).sorted().toList();
        if (sources.size() != 1) {
            problems.add(where + " needs exactly one of column, value, template or flags" + (sources.isEmpty() ? ""
                    : ", not " + sources));
            return null;
        }
        FieldSource source = switch (sources.get(0)) {
            case "column" -> new FieldSource.Column(node.get("column").asText());
            case "value" -> new FieldSource.Constant(node.get("value"));
            case "template" -> {
                try {
                    yield FieldSource.Template.parse(node.get("template").asText());
                } catch (IllegalArgumentException e) {
                    problems.add(where + ".template: " + e.getMessage());
                    yield null;
                }
            }
            default -> {
                JsonNode flags = node.get("flags");
                if (!flags.isArray() || flags.isEmpty()) {
                    problems.add(where + ".flags must be a non-empty list of column names");
                    yield null;
                }
                List<String> names = new ArrayList<>();
                flags.forEach(f -> names.add(f.asText()));
                yield new FieldSource.Flags(names);
            }
        };
        ValueConversion as = ValueConversion.STRING;
        if (node.hasNonNull("as")) {
            as = ValueConversion.fromJsonName(node.get("as").asText()).orElse(null);
            if (as == null) {
                problems.add(where + ".as must be one of " + ValueConversion.names() + ", got '"
                        + node.get("as").asText() + "'");
                as = ValueConversion.STRING;
            }
        }
        if (source instanceof FieldSource.Constant && node.has("as")) {
            problems.add(where + ": a constant \"value\" is used as written; give it the JSON type you want"
                    + " instead of \"as\"");
        }
        if (source instanceof FieldSource.Flags && node.has("as") && as != ValueConversion.LIST) {
            problems.add(where + ": flags always give a list");
        }
        String split = text(node, "split");
        boolean splits = split != null && !split.isEmpty();
        if (as == ValueConversion.LIST && !(source instanceof FieldSource.Flags) && !splits) {
            problems.add(where + ": \"as\": \"list\" needs \"split\", the text between entries, e.g. \"|\"");
        }
        if (split != null && as != ValueConversion.LIST) {
            problems.add(where + ": \"split\" only goes with \"as\": \"list\"");
        }
        if (as != ValueConversion.DATETIME) {
            for (String key : List.of("pattern", "locale")) {
                if (node.has(key)) {
                    problems.add(where + ": \"" + key + "\" only goes with \"as\": \"datetime\"");
                }
            }
        }
        if (node.has("zone") && as != ValueConversion.DATETIME) {
            problems.add(where + ": \"zone\" only goes with \"as\": \"datetime\" (Unix times have no zone)");
        }
        ZoneId zone = null;
        if (node.hasNonNull("zone")) {
            try {
                zone = ZoneId.of(node.get("zone").asText());
            } catch (DateTimeException e) {
                problems.add(where + ".zone '" + node.get("zone").asText() + "' is not a time zone (e.g. UTC,"
                        + " Europe/London, +01:00)");
            }
        }
        DateTimeFormatter formatter = null;
        String pattern = text(node, "pattern");
        if (pattern != null) {
            Locale locale = node.hasNonNull("locale") ? Locale.forLanguageTag(node.get("locale").asText())
                    : Locale.ENGLISH;
            try {
                formatter = DateTimeFormatter.ofPattern(pattern, locale);
            } catch (IllegalArgumentException e) {
                problems.add(where + ".pattern: " + e.getMessage());
            }
        }
        Map<String, String> valueMap = new LinkedHashMap<>();
        JsonNode map = node.path("map");
        if (map.isObject()) {
            map.properties().forEach(e -> valueMap.put(e.getKey(), e.getValue().isNull() ? null
                    : e.getValue().asText()));
        } else if (!map.isMissingNode()) {
            problems.add(where + ".map must be an object from values to replacements (null drops the value)");
        }
        boolean skipIfEmpty = bool(node, "skipIfEmpty", false, where + ".", problems);
        List<RowCondition> when = new ArrayList<>(1);
        if (node.has("when")) {
            addCondition(node.get("when"), where + ".when", when, problems);
        }
        if (problems.size() > before || source == null) {
            return null;
        }
        return new FieldRule(field, source, as, split, pattern, formatter, zone, valueMap, skipIfEmpty,
                when.isEmpty() ? null : when.get(0));
    }

    private static void addCondition(JsonNode node, String at, List<RowCondition> into, List<String> problems) {
        if (!node.isObject() || !node.hasNonNull("column")) {
            problems.add(at + " must be an object with \"column\" and one test: empty, equals, startsWith, matches"
                    + " or in");
            return;
        }
        String column = node.get("column").asText();
        List<String> tests = new ArrayList<>();
        for (RowCondition.Test test : RowCondition.Test.values()) {
            if (node.has(test.key())) {
                tests.add(test.key());
            }
        }
        unknownKeys(node, CONDITION_KEYS, at + ".", problems);
        if (tests.size() != 1) {
            problems.add(at + " needs exactly one test of empty, equals, startsWith, matches or in"
                    + (tests.isEmpty() ? "" : ", not " + tests));
            return;
        }
        JsonNode operand = node.get(tests.get(0));
        switch (tests.get(0)) {
            case "empty" -> {
                if (!operand.asBoolean(false)) {
                    problems.add(at + ".empty must be true (to test for a non-empty cell use matches \".+\")");
                    return;
                }
                into.add(RowCondition.empty(column));
            }
            case "equals" -> into.add(RowCondition.equalTo(column, operand.asText()));
            case "startsWith" -> into.add(RowCondition.startsWith(column, operand.asText()));
            case "matches" -> {
                try {
                    into.add(RowCondition.matches(column, operand.asText()));
                } catch (PatternSyntaxException e) {
                    problems.add(at + ".matches is not a valid regular expression: " + e.getDescription());
                }
            }
            default -> {
                if (!operand.isArray()) {
                    problems.add(at + ".in must be a list of values");
                    return;
                }
                List<String> values = new ArrayList<>();
                operand.forEach(v -> values.add(v.asText()));
                into.add(RowCondition.in(column, values));
            }
        }
    }

    /** A field cannot be both a value and an object with sub-fields ("properties" and "properties.x"). */
    private static void checkPathsDoNotOverlap(List<FieldRule> fields, List<String> problems) {
        Set<String> names = new HashSet<>();
        fields.forEach(f -> names.add(f.field()));
        for (String name : names) {
            for (String other : names) {
                if (other.startsWith(name + ".")) {
                    problems.add("fields '" + name + "' and '" + other + "' overlap: '" + name
                            + "' cannot be a value and hold '" + other + "'");
                }
            }
        }
    }

    private static void unknownKeys(JsonNode node, Set<String> known, String prefix, List<String> problems) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!known.contains(name)) {
                problems.add("unknown key '" + prefix + name + "' (known: " + known.stream().sorted().toList() + ")");
            }
        }
    }

    private static boolean bool(JsonNode node, String key, boolean fallback, String prefix, List<String> problems) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isBoolean()) {
            problems.add(prefix + key + " must be true or false");
            return fallback;
        }
        return value.asBoolean();
    }

    private static String text(JsonNode node, String key) {
        JsonNode value = node.get(key);
        return value != null && value.isTextual() ? value.asText() : null;
    }
}
