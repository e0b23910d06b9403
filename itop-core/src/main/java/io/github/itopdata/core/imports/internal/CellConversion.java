package io.github.itopdata.core.imports.internal;

/**
 * The outcome of converting one cell: a value (possibly null, meaning "cleared"), or the reason
 * why the text is not a valid value of the attribute.
 *
 * @param value the converted value when valid: String, Long, BigDecimal, Boolean, LocalDate,
 *     LocalDateTime, or null
 * @param error the reason, such as {@code Unexpected value for attribute 'qty': ...}; null when valid
 */
public record CellConversion(Object value, String error) {

    /** A valid value. */
    public static CellConversion valid(Object value) {
        return new CellConversion(value, null);
    }

    /** An invalid cell with its reason. */
    public static CellConversion invalid(String error) {
        return new CellConversion(null, error);
    }

    /** Tells whether the cell converted to a valid value. */
    public boolean isValid() {
        return error == null;
    }
}
