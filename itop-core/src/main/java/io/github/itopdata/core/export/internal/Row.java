package io.github.itopdata.core.export.internal;

/**
 * One result row as read from the cursor.
 *
 * @param ids     per selected alias, the object's id, or null when an outer join found none
 * @param classes per selected alias, the object's actual class, or null
 * @param values  per column (visible columns first, then the extra ones a writer asked for), the raw value
 */
public record Row(Long[] ids, String[] classes, Object[] values) {
}
