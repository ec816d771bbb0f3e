package org.attune.core.validation;

/**
 * What every id and name a user chooses must avoid, checked in this one place whatever else its
 * own pattern allows. Ids are shown in the studio, in logs and in answers, and some become
 * parts of URLs and file paths:
 *
 * <ul>
 *   <li>control characters (C0, DEL, C1) and the line and paragraph separators, which break
 *       lines in logs and forge entries;</li>
 *   <li>format characters (Unicode category Cf): the bidirectional controls U+202A to U+202E and
 *       U+2066 to U+2069, the marks U+200E, U+200F and U+061C, zero-width spaces and joiners and
 *       the byte order mark, which make an id look like another one (U+202E shows
 *       {@code "abc\u202Efdp.exe"} as {@code abcexe.pdf});</li>
 *   <li>unpaired surrogates, which are no text at all;</li>
 *   <li>only dots ({@code .}, {@code ..}, {@code ....}), which a URL or a path takes for the
 *       current or the parent directory.</li>
 * </ul>
 *
 * Stateless and thread-safe.
 */
public final class Identifiers {
    /** How {@link #problem} describes the rule, for messages that list an id's whole rule. */
    public static final String RULE = "without control, invisible or bidirectional formatting characters, and not"
            + " only dots";

    private Identifiers() {
    }

    /**
     * Why {@code value} may not be an id or a name, or null when it may (null and "" are for the
     * caller's own rule on required values).
     */
    public static String problem(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (onlyDots(value)) {
            return "it may not be only dots, which a URL or a path reads as a directory";
        }
        for (int i = 0; i < value.length(); ) {
            char ascii = value.charAt(i);
            if (ascii < 0x80) {
                // Most ids are ASCII (every id of every event passes here): of it only C0 and DEL are refused.
                if (ascii < 0x20 || ascii == 0x7F) {
                    return "it holds the control character " + codePointName(ascii);
                }
                i++;
                continue;
            }
            int c = value.codePointAt(i);
            i += Character.charCount(c);
            if (Character.getType(c) == Character.SURROGATE) {
                return "it holds a lone UTF-16 surrogate " + codePointName(c);
            }
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                return "it holds the control character " + codePointName(c);
            }
            if (Character.getType(c) == Character.FORMAT) {
                return "it holds the invisible formatting character " + codePointName(c)
                        + " (such as a bidirectional control, which shows text in another order)";
            }
        }
        return null;
    }

    /** Whether {@code value} is safe as an id or a name: {@link #problem} finds nothing. */
    public static boolean isSafe(String value) {
        return problem(value) == null;
    }

    private static boolean onlyDots(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) != '.') {
                return false;
            }
        }
        return true;
    }

    private static String codePointName(int codePoint) {
        return String.format("U+%04X", codePoint);
    }
}
