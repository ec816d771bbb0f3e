package org.attune.core.validation;

/**
 * One thing wrong with a piece of input.
 *
 * @param path where the problem is, e.g. {@code schema.attributes[2].type} or {@code price}
 * @param code a stable machine-readable code, e.g. {@code wrong_type}
 * @param message a sentence a user understands
 */
public record Problem(String path, String code, String message) {
}
