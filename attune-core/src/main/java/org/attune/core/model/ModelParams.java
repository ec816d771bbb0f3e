package org.attune.core.model;

/**
 * The params of one model kind: a record per kind, in the kind's package, with its defaults
 * declared once (a {@code DEFAULTS} constant) and every field checked by its constructor
 * against the field's {@link ParamSpec}, so that no params object exists that the kind
 * cannot train with. Shown by the API as the record's fields ({@link ModelDefinition#toJson});
 * read by its {@link ModelKind#readParams}. Implementations are immutable.
 */
public interface ModelParams {
}
