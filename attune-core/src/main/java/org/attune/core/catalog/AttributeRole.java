package org.attune.core.catalog;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What an attribute means to Attune. A role may be given to at most one attribute of a
 * schema, and each role accepts only the types that make sense for it.
 */
public enum AttributeRole {
    TITLE(EnumSet.of(AttributeType.STRING)),
    BRAND(EnumSet.of(AttributeType.STRING)),
    COLOR(EnumSet.of(AttributeType.STRING, AttributeType.STRING_LIST)),
    SIZE(EnumSet.of(AttributeType.STRING, AttributeType.STRING_LIST, AttributeType.NUMBER)),
    CATEGORY(EnumSet.of(AttributeType.STRING, AttributeType.STRING_LIST)),
    PRICE(EnumSet.of(AttributeType.NUMBER)),
    AVAILABILITY(EnumSet.of(AttributeType.BOOLEAN)),
    IMAGE(EnumSet.of(AttributeType.URL, AttributeType.STRING)),
    URL(EnumSet.of(AttributeType.URL, AttributeType.STRING)),
    TAGS(EnumSet.of(AttributeType.STRING_LIST));

    private final Set<AttributeType> allowedTypes;

    AttributeRole(Set<AttributeType> allowedTypes) {
        this.allowedTypes = allowedTypes;
    }

    public Set<AttributeType> allowedTypes() {
        return allowedTypes;
    }

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<AttributeRole> fromJsonName(String name) {
        return Arrays.stream(values()).filter(r -> r.jsonName().equals(name)).findFirst();
    }
}
