package org.attune.core.model;

import java.util.List;

/**
 * One field of a kind's params: its name and the values it takes. A params record declares
 * one per field and uses it twice, so that both say the same: its constructor checks each
 * value ({@code check}, an {@link IllegalArgumentException} naming the field, its range and
 * the value given), and its reading from JSON ({@link ParamsReader}) reports a bad value as
 * a problem naming the field, its range and its default. Immutable.
 */
public sealed interface ParamSpec {

    /** The field's name in the params object. */
    String name();

    /** A number from {@code min} to {@code max}, both included. */
    record Decimal(String name, double min, double max) implements ParamSpec {
        /** @throws IllegalArgumentException when the value is out of range or not a number */
        public double check(double value) {
            if (!(value >= min && value <= max)) {
                throw new IllegalArgumentException(name + " must be a number from " + plain(min) + " to " + plain(max)
                        + ", got " + value);
            }
            return value;
        }
    }

    /** A whole number from {@code min} to {@code max}, both included. */
    record Whole(String name, long min, long max) implements ParamSpec {
        /** @throws IllegalArgumentException when the value is out of range */
        public long check(long value) {
            if (value < min || value > max) {
                throw new IllegalArgumentException(name + " must be a whole number from " + min + " to " + max
                        + ", got " + value);
            }
            return value;
        }
    }

    /** One of a few words. */
    record Choice(String name, List<String> options) implements ParamSpec {
        public Choice {
            options = List.copyOf(options);
        }

        /** @throws IllegalArgumentException when the value is none of the options */
        public String check(String value) {
            if (!options.contains(value)) {
                throw new IllegalArgumentException(name + " must be one of " + options + ", got '" + value + "'");
            }
            return value;
        }
    }

    /** A number as people write it: without ".0" when whole. */
    static String plain(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? String.valueOf((long) value)
                : String.valueOf(value);
    }
}
