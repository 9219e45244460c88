package org.watchpost.protocol;

/** Checks shared by the wire records, so every missing field is reported the same way: by its wire name. */
final class Wire {
    private Wire() {
    }

    static String require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }
}
