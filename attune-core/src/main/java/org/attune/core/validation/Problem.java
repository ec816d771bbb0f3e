package org.attune.core.validation;

/**
 * One thing wrong with a piece of input.
 *
 * @param path where the problem is, e.g. {@code schema.attributes[2].type} or {@code price}
 * @param code a stable machine-readable code, e.g. {@code wrong_type}
 * @param message a sentence a user understands
 */
public record Problem(String path, String code, String message) {
    /**
     * The path is shortened with {@link Echo}, since it may name an input's own key; a message
     * longer than a few echoed values is shortened too, as a last guard for a message that
     * quotes input without {@link Echo}.
     */
    public Problem {
        path = Echo.of(path);
        message = Echo.message(message);
    }
}
