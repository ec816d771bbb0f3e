package org.attune.server.importing;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A test on one cell of a CSV row, used to skip rows ({@code "skipIf"}) and to choose
 * between field rules ({@code "when"}). Written in a mapping as
 * {@code {"column": "InvoiceNo", "startsWith": "C"}} with exactly one of {@code empty},
 * {@code equals}, {@code startsWith}, {@code matches} (a Java regular expression that must
 * match the whole cell) or {@code in} (a list of values). Immutable and thread-safe.
 *
 * @param column the column whose cell is tested
 * @param test what is tested
 * @param operand the text to compare with (null for {@link Test#EMPTY} and {@link Test#IN})
 * @param pattern the compiled expression for {@link Test#MATCHES}, else null
 * @param values the values for {@link Test#IN}, else empty
 */
public record RowCondition(String column, Test test, String operand, Pattern pattern, Set<String> values) {

    /** The kinds of test, by their mapping key. */
    public enum Test {
        EMPTY("empty"), EQUALS("equals"), STARTS_WITH("startsWith"), MATCHES("matches"), IN("in");

        private final String key;

        Test(String key) {
            this.key = key;
        }

        /** The key in a mapping file. */
        public String key() {
            return key;
        }
    }

    public RowCondition {
        values = values == null ? Set.of() : Set.copyOf(values);
    }

    public static RowCondition empty(String column) {
        return new RowCondition(column, Test.EMPTY, null, null, Set.of());
    }

    public static RowCondition equalTo(String column, String value) {
        return new RowCondition(column, Test.EQUALS, value, null, Set.of());
    }

    public static RowCondition startsWith(String column, String prefix) {
        return new RowCondition(column, Test.STARTS_WITH, prefix, null, Set.of());
    }

    public static RowCondition matches(String column, String regex) {
        return new RowCondition(column, Test.MATCHES, regex, Pattern.compile(regex), Set.of());
    }

    public static RowCondition in(String column, List<String> values) {
        return new RowCondition(column, Test.IN, null, null, Set.copyOf(values));
    }

    /** Whether the cell text satisfies the condition. */
    public boolean holds(String cell) {
        return switch (test) {
            case EMPTY -> cell.isEmpty();
            case EQUALS -> cell.equals(operand);
            case STARTS_WITH -> cell.startsWith(operand);
            case MATCHES -> pattern.matcher(cell).matches();
            case IN -> values.contains(cell);
        };
    }

    /** A short description for reports, e.g. {@code InvoiceNo starts with 'C'}. */
    public String describe() {
        return switch (test) {
            case EMPTY -> column + " is empty";
            case EQUALS -> column + " is '" + operand + "'";
            case STARTS_WITH -> column + " starts with '" + operand + "'";
            case MATCHES -> column + " matches /" + operand + "/";
            case IN -> column + " is one of " + values.stream().sorted().toList();
        };
    }
}
