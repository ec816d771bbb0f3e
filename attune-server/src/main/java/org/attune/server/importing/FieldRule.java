package org.attune.server.importing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One target field of a column mapping: where its value comes from and how the text is
 * converted. Several rules may name the same field; the first whose {@code when} condition
 * holds gives the value. Immutable and thread-safe.
 *
 * @param field the dotted path of the field in the record, e.g. {@code properties.quantity}
 * @param source where the value comes from
 * @param as how text becomes a JSON value (ignored for constants)
 * @param split the separator of {@link ValueConversion#LIST}, else null
 * @param pattern the pattern of {@link ValueConversion#DATETIME} as written, or null for ISO-8601
 * @param formatter {@code pattern} compiled (with the mapping's locale), or null
 * @param zone the zone of dates and times written without an offset
 * @param valueMap replaces whole values (or list entries) before conversion; a null
 *     replacement leaves the field (or the list entry) out
 * @param skipIfEmpty leave the field out when the text is empty, instead of failing the row
 * @param when the rule applies only to rows where this holds; null for always
 */
public record FieldRule(String field, FieldSource source, ValueConversion as, String split,
                        String pattern, DateTimeFormatter formatter, ZoneId zone, Map<String, String> valueMap,
                        boolean skipIfEmpty, RowCondition when) {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern DECIMAL_ID = Pattern.compile("-?[0-9]+\\.0+");
    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

    public FieldRule {
        // Map.copyOf refuses null values, and null is how a mapping drops a value.
        valueMap = valueMap == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(valueMap));
        zone = zone == null ? java.time.ZoneOffset.UTC : zone;
        as = as == null ? ValueConversion.STRING : as;
    }

    /** The path of the field split at its dots. */
    public List<String> path() {
        return List.of(field.split("\\."));
    }

    /**
     * Converts the text taken from the row.
     *
     * @return the value, or null when the field is to be left out
     * @throws UnconvertibleValueException when the text cannot be read as {@link #as}
     */
    public JsonNode convert(String text) throws UnconvertibleValueException {
        if (text.isEmpty() && skipIfEmpty) {
            return null;
        }
        if (as == ValueConversion.LIST) {
            return listOf(List.of(text.split(Pattern.quote(split), -1)));
        }
        String value = text;
        if (valueMap.containsKey(value)) {
            value = valueMap.get(value);
            if (value == null) {
                return null;
            }
        }
        if (as == ValueConversion.STRING) {
            return NODES.textNode(value);
        }
        value = value.strip();
        if (value.isEmpty()) {
            if (as == ValueConversion.ID) {
                return NODES.textNode(value);
            }
            throw new UnconvertibleValueException("the value is empty but must be " + article(as)
                    + " (add \"skipIfEmpty\": true to leave the field out)");
        }
        return switch (as) {
            case ID -> NODES.textNode(DECIMAL_ID.matcher(value).matches()
                    ? value.substring(0, value.indexOf('.')) : value);
            case NUMBER -> number(value);
            case INTEGER -> integer(value);
            case BOOLEAN -> bool(value);
            case URL -> NODES.textNode(encodeForUrl(value));
            case EPOCH_SECONDS -> time(Instant.ofEpochMilli(millis(value, THOUSAND)));
            case EPOCH_MILLIS -> time(Instant.ofEpochMilli(millis(value, BigDecimal.ONE)));
            case DATETIME -> time(instant(value));
            case STRING, LIST -> throw new IllegalStateException("handled above");
        };
    }

    /** Turns list entries into a JSON array: entries are stripped and mapped; empty or dropped ones are left out. */
    public ArrayNode listOf(List<String> entries) {
        ArrayNode list = NODES.arrayNode(entries.size());
        for (String entry : entries) {
            String value = entry.strip();
            if (valueMap.containsKey(value)) {
                value = valueMap.get(value);
            }
            if (value != null && !value.isEmpty()) {
                list.add(value);
            }
        }
        return list;
    }

    private static JsonNode number(String value) throws UnconvertibleValueException {
        BigDecimal number = decimal(value, "a number");
        if (number.scale() <= 0 && number.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0
                && number.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) >= 0) {
            return NODES.numberNode(number.longValueExact());
        }
        return NODES.numberNode(number);
    }

    private static JsonNode integer(String value) throws UnconvertibleValueException {
        BigDecimal number = decimal(value, "a whole number");
        try {
            return NODES.numberNode(number.stripTrailingZeros().toBigIntegerExact().longValueExact());
        } catch (ArithmeticException e) {
            throw new UnconvertibleValueException("'" + clip(value) + "' is not a whole number");
        }
    }

    private static JsonNode bool(String value) throws UnconvertibleValueException {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "y", "t" -> NODES.booleanNode(true);
            case "false", "0", "no", "n", "f" -> NODES.booleanNode(false);
            default -> throw new UnconvertibleValueException("'" + clip(value) + "' is not a boolean");
        };
    }

    private static long millis(String value, BigDecimal factor) throws UnconvertibleValueException {
        BigDecimal number = decimal(value, "a Unix time");
        try {
            BigInteger millis = number.multiply(factor).setScale(0, RoundingMode.HALF_UP).toBigIntegerExact();
            return millis.longValueExact();
        } catch (ArithmeticException e) {
            throw new UnconvertibleValueException("'" + clip(value) + "' is out of range for a Unix time");
        }
    }

    private Instant instant(String value) throws UnconvertibleValueException {
        try {
            if (formatter != null) {
                TemporalAccessor parsed = formatter.parseBest(value, ZonedDateTime::from, LocalDateTime::from,
                        LocalDate::from);
                if (parsed instanceof ZonedDateTime zoned) {
                    return zoned.toInstant();
                }
                if (parsed instanceof LocalDateTime local) {
                    return local.atZone(zone).toInstant();
                }
                return ((LocalDate) parsed).atStartOfDay(zone).toInstant();
            }
            return isoInstant(value);
        } catch (DateTimeParseException e) {
            throw new UnconvertibleValueException("'" + clip(value) + "' does not match the date pattern "
                    + (formatter == null ? "ISO-8601" : "'" + pattern + "'"));
        }
    }

    private Instant isoInstant(String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(value).atZone(zone).toInstant();
            } catch (DateTimeParseException notDateTime) {
                return LocalDate.parse(value).atStartOfDay(zone).toInstant();
            }
        }
    }

    private static JsonNode time(Instant instant) {
        return NODES.textNode(instant.toString());
    }

    private static BigDecimal decimal(String value, String what) throws UnconvertibleValueException {
        try {
            return new BigDecimal(value);
        } catch (NumberFormatException e) {
            throw new UnconvertibleValueException("'" + clip(value) + "' is not " + what);
        }
    }

    /**
     * Percent-encodes the characters that may not appear in a URL (spaces, quotes, non-ASCII
     * letters, ...) and keeps every other character, including existing escapes, as it is.
     */
    static String encodeForUrl(String value) {
        StringBuilder out = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean allowed = c < 128 && (Character.isLetterOrDigit(c) || "-._~:/?#[]@!$&'()*+,;=%".indexOf(c) >= 0);
            if (allowed) {
                if (out != null) {
                    out.append(c);
                }
                continue;
            }
            if (out == null) {
                out = new StringBuilder(value.length() + 16).append(value, 0, i);
            }
            int end = Character.isHighSurrogate(c) && i + 1 < value.length() ? i + 2 : i + 1;
            for (byte b : value.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xF, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
            }
            i = end - 1;
        }
        return out == null ? value : out.toString();
    }

    private static String article(ValueConversion conversion) {
        return switch (conversion) {
            case INTEGER -> "an integer";
            case ID -> "an id";
            case URL -> "a URL";
            case EPOCH_SECONDS, EPOCH_MILLIS, DATETIME -> "a time (" + conversion.jsonName() + ")";
            default -> "a " + conversion.jsonName();
        };
    }

    static String clip(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "…" : text;
    }
}
