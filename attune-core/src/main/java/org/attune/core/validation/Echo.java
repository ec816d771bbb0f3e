package org.attune.core.validation;

/**
 * Shortens a piece of input before an error answer repeats it. A rejected value can be as
 * long as the body allows (a 1 MB id); echoing it whole, once as the record's id and again
 * in a message, made the answer larger than the request. Thread-safe.
 */
public final class Echo {
    /** The most characters of an input value an error repeats. */
    public static final int MAX_ECHOED_CHARACTERS = 200;

    /** The longest error message kept whole: room for a sentence and a few echoed values. */
    public static final int MAX_MESSAGE_CHARACTERS = 4 * MAX_ECHOED_CHARACTERS;

    private Echo() {
    }

    /**
     * The value itself when it has at most {@link #MAX_ECHOED_CHARACTERS} characters, else its
     * first ones, an ellipsis and its full length, e.g. {@code abc…(1048576 characters)};
     * null stays null.
     */
    public static String of(String value) {
        if (value == null || value.length() <= MAX_ECHOED_CHARACTERS || isCut(value, MAX_ECHOED_CHARACTERS)) {
            return value;
        }
        return cut(value, MAX_ECHOED_CHARACTERS);
    }

    /**
     * The message itself when it has at most {@link #MAX_MESSAGE_CHARACTERS} characters, else
     * shortened like {@link #of}: a last guard for a message that quotes input whole.
     */
    public static String message(String message) {
        return message == null || message.length() <= MAX_MESSAGE_CHARACTERS || isCut(message, MAX_MESSAGE_CHARACTERS)
                ? message : cut(message, MAX_MESSAGE_CHARACTERS);
    }

    /** Whether the value is already the outcome of {@link #cut}: shortening twice would lose the length. */
    private static boolean isCut(String value, int keep) {
        return value.endsWith(" characters)") && (value.startsWith("…(", keep) || value.startsWith("…(", keep - 1));
    }

    private static String cut(String value, int keep) {
        int end = keep;
        if (Character.isHighSurrogate(value.charAt(end - 1))) {
            end--;
        }
        return value.substring(0, end) + "…(" + value.length() + " characters)";
    }
}
