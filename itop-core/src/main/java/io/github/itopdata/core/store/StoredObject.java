package io.github.itopdata.core.store;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An object as read from its table.
 *
 * @param id         the object's id
 * @param finalClass the object's own class, which may be a subclass of the class read
 * @param values     the stored attributes of the final class by code, in model order; values are
 *                   {@code String}, {@code Integer}, {@code Long}, {@code BigDecimal}, {@code Boolean},
 *                   {@code LocalDate}, {@code LocalDateTime} or {@link Document}, or null
 */
public record StoredObject(long id, String finalClass, Map<String, Object> values) {

    /** Copies the values, keeping their order and nulls. */
    public StoredObject {
        Objects.requireNonNull(finalClass, "finalClass");
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** Returns the value of an attribute, null when it is null or not stored. */
    public Object get(String attCode) {
        return values.get(attCode);
    }
}
