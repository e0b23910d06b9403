package io.github.itopdata.core.imports.internal;

import io.github.itopdata.core.model.AttributeDef;
import io.github.itopdata.core.model.AttributeType;
import io.github.itopdata.core.model.EnumValue;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Converts cell text to attribute values and checks them with the import's rules. The file
 * states the whole value, so an empty cell clears it. Numbers and dates are strict. Enum and
 * boolean values are codes, or in localized mode English labels too.
 */
public final class ValueConverter {

    /** Default pattern of e-mail addresses, matched against the whole value. */
    static final Pattern EMAIL = Pattern.compile("[a-zA-Z0-9._&'-]+@[a-zA-Z0-9.-]+\\.[a-zA-Z0-9-]{2,}");
    /** Default pattern of URLs: http, https or ftp, a host, an optional port and path. */
    static final Pattern URL = Pattern.compile("(https?|ftp)://[^\\s/?#]+(:[0-9]+)?([/?#][^\\s]*)?",
            Pattern.CASE_INSENSITIVE);
    /** Default pattern of phone numbers. */
    static final Pattern PHONE = Pattern.compile("[0-9.\\- +()]+");
    static final Pattern IPV4 = Pattern.compile(
            "(\\d|[1-9]\\d|1\\d\\d|2[0-4]\\d|25[0-5])(\\.(\\d|[1-9]\\d|1\\d\\d|2[0-4]\\d|25[0-5])){3}");
    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)");

    private static final PhpDateFormat INTERNAL_DATE = PhpDateFormat.internalDate();
    private static final PhpDateFormat INTERNAL_DATE_TIME = PhpDateFormat.internalDateTime();
    private static final java.util.concurrent.ConcurrentMap<String, Pattern> MODEL_PATTERNS =
            new java.util.concurrent.ConcurrentHashMap<>();

    private final boolean localized;
    private final Optional<PhpDateFormat> dateFormat;
    private final Optional<PhpDateFormat> dateTimeFormat;

    /**
     * Creates a converter.
     *
     * @param localized whether labels are accepted ({@code no_localize=0})
     * @param dateFormat the {@code date_format} argument; empty for iTop's internal formats
     */
    public ValueConverter(boolean localized, String dateFormat) {
        this.localized = localized;
        this.dateTimeFormat = dateFormat.isEmpty() ? Optional.empty() : Optional.of(PhpDateFormat.of(dateFormat));
        this.dateFormat = dateFormat.isEmpty() ? Optional.empty()
                : Optional.of(PhpDateFormat.of(PhpDateFormat.datePart(dateFormat)));
    }

    /** Returns the format of date cells when {@code date_format} is given. */
    public Optional<PhpDateFormat> dateFormat() {
        return dateFormat;
    }

    /** Returns the format of date-time cells when {@code date_format} is given. */
    public Optional<PhpDateFormat> dateTimeFormat() {
        return dateTimeFormat;
    }

    /**
     * Converts a cell of a scalar attribute (not an external key, link set or case log) and
     * checks the value, including the mandatory check. A null cell is {@code <NULL>} or missing.
     */
    public CellConversion convert(AttributeDef attribute, String cell) {
        CellConversion converted = convertValue(attribute, cell);
        if (!converted.isValid()) {
            return converted;
        }
        Object value = converted.value();
        if (!attribute.isNullable() && (value == null || value instanceof String s && s.isEmpty())) {
            return CellConversion.invalid(unexpected(attribute, "Null not allowed"));
        }
        return converted;
    }

    /** Converts a cell like {@link #convert} but without the mandatory check, for search values. */
    public CellConversion convertValue(AttributeDef attribute, String cell) {
        String text = cell == null ? "" : cell;
        if (text.indexOf('\0') >= 0) {
            // PostgreSQL text cannot hold the NUL character, so the cell is a row issue here
            // rather than a failed statement that would stop the whole run.
            return CellConversion.invalid(unexpected(attribute,
                    "Invalid character NUL (0x00) in [" + text.replace('\0', ' ') + "]; remove it from the file"));
        }
        return attribute.type().isStringLike() ? convertText(attribute, text) : convertOther(attribute, text);
    }

    private CellConversion convertText(AttributeDef attribute, String text) {
        int length = text.codePointCount(0, text.length());
        if (attribute.maxLength() > 0 && length > attribute.maxLength()) {
            return CellConversion.invalid(unexpected(attribute,
                    "String too long (found " + length + ", limited to " + attribute.maxLength() + ")"));
        }
        if (!text.isEmpty()) {
            Pattern pattern = patternOf(attribute);
            if (pattern != null && !pattern.matcher(text).matches()) {
                return CellConversion.invalid(unexpected(attribute, "Wrong format [" + text + "]"));
            }
        }
        return CellConversion.valid(text);
    }

    private static Pattern patternOf(AttributeDef attribute) {
        if (attribute.validationPattern().isPresent()) {
            return MODEL_PATTERNS.computeIfAbsent(attribute.validationPattern().get(), Pattern::compile);
        }
        return switch (attribute.type()) {
            case EMAIL -> EMAIL;
            case URL -> URL;
            case PHONE -> PHONE;
            case IP_ADDRESS -> IPV4;
            default -> null;
        };
    }

    private CellConversion convertOther(AttributeDef attribute, String text) {
        if (text.isEmpty()) {
            return CellConversion.valid(null);
        }
        return switch (attribute.type()) {
            case INTEGER, DURATION, PERCENTAGE -> convertInteger(attribute, text);
            case DECIMAL -> convertDecimal(attribute, text);
            case ENUM -> convertEnum(attribute, text);
            case BOOLEAN -> convertBoolean(attribute, text);
            case DATE -> convertDate(attribute, text, false);
            case DATE_TIME -> convertDate(attribute, text, true);
            case ENUM_SET, TAG_SET -> convertSet(attribute, text);
            default -> CellConversion.valid(text);
        };
    }

    private static CellConversion convertInteger(AttributeDef attribute, String text) {
        if (!INTEGER.matcher(text).matches()) {
            return CellConversion.invalid(unexpected(attribute, "Wrong format [" + text + "], expected an integer"));
        }
        long min = attribute.type() == AttributeType.PERCENTAGE ? 0 : Integer.MIN_VALUE;
        long max = attribute.type() == AttributeType.PERCENTAGE ? 100
                : attribute.type() == AttributeType.DURATION ? Long.MAX_VALUE : Integer.MAX_VALUE;
        if (attribute.type() == AttributeType.DURATION) {
            min = 0;
        }
        BigDecimal number = new BigDecimal(text.startsWith("+") ? text.substring(1) : text);
        if (number.compareTo(BigDecimal.valueOf(min)) < 0 || number.compareTo(BigDecimal.valueOf(max)) > 0) {
            return CellConversion.invalid(unexpected(attribute,
                    "Value out of range [" + text + "], expected " + min + " to " + max));
        }
        return CellConversion.valid(number.longValueExact());
    }

    private static CellConversion convertDecimal(AttributeDef attribute, String text) {
        int integerDigits = attribute.digits() - attribute.decimals();
        String wrong = "Wrong format [" + text + "], expected a decimal number with a dot and at most "
                + integerDigits + " digits before it";
        if (!DECIMAL.matcher(text).matches()) {
            return CellConversion.invalid(unexpected(attribute, wrong));
        }
        String digits = text.startsWith("+") ? text.substring(1) : text;
        if (digits.startsWith(".") || digits.startsWith("-.")) {
            digits = digits.replace(".", "0.");
        }
        if (digits.endsWith(".")) {
            digits = digits + "0";
        }
        BigDecimal number = new BigDecimal(digits).setScale(attribute.decimals(), RoundingMode.HALF_UP);
        if (number.precision() - number.scale() > integerDigits && number.abs().compareTo(BigDecimal.ONE) >= 0) {
            return CellConversion.invalid(unexpected(attribute, wrong));
        }
        return CellConversion.valid(number);
    }

    private CellConversion convertEnum(AttributeDef attribute, String text) {
        if (localized) {
            for (EnumValue value : attribute.enumValues()) {
                if (value.label().equals(text)) {
                    return CellConversion.valid(value.code());
                }
            }
        }
        if (attribute.enumValue(text).isPresent()) {
            return CellConversion.valid(text);
        }
        if (localized) {
            List<String> labels = attribute.enumValues().stream().map(EnumValue::label).toList();
            return CellConversion.invalid("Allowed '" + attribute.code() + "' value(s): " + String.join(",", labels));
        }
        return CellConversion.invalid(unexpected(attribute, "Value not allowed [" + text + "]"));
    }

    private static CellConversion convertBoolean(AttributeDef attribute, String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.equals("1") || lower.equals("yes") || lower.equals("true")) {
            return CellConversion.valid(Boolean.TRUE);
        }
        if (lower.equals("0") || lower.equals("no") || lower.equals("false")) {
            return CellConversion.valid(Boolean.FALSE);
        }
        return CellConversion.invalid(unexpected(attribute, "no match found, check spelling"));
    }

    private CellConversion convertDate(AttributeDef attribute, String text, boolean withTime) {
        Optional<PhpDateFormat> given = withTime ? dateTimeFormat : dateFormat;
        if (given.isPresent()) {
            // Cells in date_format were converted before reconciliation; a 0 counts as empty.
            if (text.equals("0")) {
                return CellConversion.valid(null);
            }
            Optional<LocalDateTime> parsed = given.get().parse(text);
            return parsed.isPresent() ? CellConversion.valid(withTime ? parsed.get() : parsed.get().toLocalDate())
                    : CellConversion.invalid("Expected format: " + exampleOf(given.get()));
        }
        PhpDateFormat internal = withTime ? INTERNAL_DATE_TIME : INTERNAL_DATE;
        Optional<LocalDateTime> parsed = internal.parse(text);
        if (parsed.isEmpty()) {
            return CellConversion.invalid("Wrong format for date attribute " + attribute.code() + ", expecting \""
                    + (withTime ? "Y-m-d H:i:s" : "Y-m-d") + "\"");
        }
        return CellConversion.valid(withTime ? parsed.get() : parsed.get().toLocalDate());
    }

    /** Returns 2022-10-23 16:25:33 rendered in the format, the example of date errors. */
    public static String exampleOf(PhpDateFormat format) {
        return format.render(LocalDateTime.of(2022, 10, 23, 16, 25, 33));
    }

    private CellConversion convertSet(AttributeDef attribute, String text) {
        TreeSet<String> codes = new TreeSet<>();
        String separators = attribute.type() == AttributeType.ENUM_SET ? "[|,]" : "\\|";
        List<String> unknown = new ArrayList<>();
        for (String item : text.split(separators)) {
            String trimmed = item.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            Optional<String> code = attribute.enumValues().stream()
                    .filter(v -> v.code().equals(trimmed) || localized && v.label().equals(trimmed))
                    .map(EnumValue::code).findFirst();
            if (code.isPresent()) {
                codes.add(code.get());
            } else {
                unknown.add(trimmed);
            }
        }
        if (!unknown.isEmpty()) {
            if (attribute.type() == AttributeType.ENUM_SET) {
                return CellConversion.invalid(unexpected(attribute, "Value not allowed [" + unknown.get(0) + "]"));
            }
            List<String> labels = attribute.enumValues().stream().map(EnumValue::label).toList();
            return CellConversion.invalid("Allowed '" + attribute.code() + "' value(s): " + String.join(",", labels));
        }
        return CellConversion.valid(codes.isEmpty() ? null : String.join(",", codes));
    }

    static String unexpected(AttributeDef attribute, String reason) {
        return "Unexpected value for attribute '" + attribute.code() + "': " + reason;
    }
}
