package io.github.itopdata.core.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One attribute of a class, as declared in the model or computed by the loader. Immutable; built
 * with {@link #builder(String, AttributeType)}.
 *
 * <p>Only the properties that make sense for the attribute's {@link #type()} are set: for
 * example {@link #targetClass()} is present for external keys (and external fields, where it is
 * the class the key points to), empty otherwise.
 */
public final class AttributeDef {

    /** Maximum length in characters of a {@link AttributeType#STRING} and similar one-line texts. */
    public static final int STRING_MAX_LENGTH = 255;
    /** Maximum length in characters of a {@link AttributeType#TEXT} or {@link AttributeType#HTML}. */
    public static final int TEXT_MAX_LENGTH = 65_535;
    /** Maximum length in characters of a {@link AttributeType#LONG_TEXT}. */
    public static final int LONG_TEXT_MAX_LENGTH = 67_107_840;
    /** Maximum length in characters of a {@link AttributeType#URL}. */
    public static final int URL_MAX_LENGTH = 2_048;
    /** Maximum length in characters of a {@link AttributeType#PASSWORD}. */
    public static final int PASSWORD_MAX_LENGTH = 64;

    private final String code;
    private final String label;
    private final AttributeType type;
    private final String definingClass;
    private final String sqlColumn;
    private final boolean nullable;
    private final String defaultValue;
    private final int maxLength;
    private final List<EnumValue> enumValues;
    private final int digits;
    private final int decimals;
    private final String validationPattern;
    private final String targetClass;
    private final OnTargetDelete onTargetDelete;
    private final String extKeyAttCode;
    private final String targetAttCode;
    private final String linkedClass;
    private final String extKeyToMe;
    private final String extKeyToRemote;
    private final boolean readOnly;

    private AttributeDef(Builder builder) {
        this.code = Objects.requireNonNull(builder.code, "code");
        this.type = Objects.requireNonNull(builder.type, "type");
        this.label = builder.label == null ? builder.code : builder.label;
        this.definingClass = Objects.requireNonNull(builder.definingClass, "definingClass of " + builder.code);
        this.sqlColumn = builder.sqlColumn;
        this.nullable = builder.nullable;
        this.defaultValue = builder.defaultValue;
        this.maxLength = builder.maxLength > 0 ? builder.maxLength : defaultMaxLength(builder.type);
        this.enumValues = List.copyOf(builder.enumValues);
        this.digits = builder.digits;
        this.decimals = builder.decimals;
        this.validationPattern = builder.validationPattern;
        this.targetClass = builder.targetClass;
        this.onTargetDelete = builder.onTargetDelete;
        this.extKeyAttCode = builder.extKeyAttCode;
        this.targetAttCode = builder.targetAttCode;
        this.linkedClass = builder.linkedClass;
        this.extKeyToMe = builder.extKeyToMe;
        this.extKeyToRemote = builder.extKeyToRemote;
        this.readOnly = builder.readOnly || builder.type.isComputed();
    }

    private static int defaultMaxLength(AttributeType type) {
        switch (type) {
            case STRING, EMAIL, PHONE, IP_ADDRESS:
                return STRING_MAX_LENGTH;
            case TEXT, HTML, CASE_LOG:
                return TEXT_MAX_LENGTH;
            case LONG_TEXT:
                return LONG_TEXT_MAX_LENGTH;
            case URL:
                return URL_MAX_LENGTH;
            case PASSWORD:
                return PASSWORD_MAX_LENGTH;
            default:
                return 0;
        }
    }

    /** Starts an attribute with its code and type; the other properties have neutral defaults. */
    public static Builder builder(String code, AttributeType type) {
        return new Builder(code, type);
    }

    /** Returns a builder holding every property of this attribute, to derive a changed copy. */
    public Builder toBuilder() {
        Builder builder = new Builder(code, type);
        builder.label = label;
        builder.definingClass = definingClass;
        builder.sqlColumn = sqlColumn;
        builder.nullable = nullable;
        builder.defaultValue = defaultValue;
        builder.maxLength = maxLength;
        builder.enumValues = enumValues;
        builder.digits = digits;
        builder.decimals = decimals;
        builder.validationPattern = validationPattern;
        builder.targetClass = targetClass;
        builder.onTargetDelete = onTargetDelete;
        builder.extKeyAttCode = extKeyAttCode;
        builder.targetAttCode = targetAttCode;
        builder.linkedClass = linkedClass;
        builder.extKeyToMe = extKeyToMe;
        builder.extKeyToRemote = extKeyToRemote;
        builder.readOnly = readOnly;
        return builder;
    }

    /** Returns the attribute code, such as {@code org_id}; unique within a class and its ancestors. */
    public String code() {
        return code;
    }

    /** Returns the English label, such as {@code Organization}; the code when the model gives none. */
    public String label() {
        return label;
    }

    /** Returns the kind of attribute. */
    public AttributeType type() {
        return type;
    }

    /** Returns the name of the class that declares the attribute (an ancestor for inherited ones). */
    public String definingClass() {
        return definingClass;
    }

    /**
     * Returns the database column name given by the model ({@code <sql>}), or empty for attributes
     * without a column of their own (linked sets, external fields, computed attributes) or when the
     * model gives none.
     */
    public Optional<String> sqlColumn() {
        return Optional.ofNullable(sqlColumn);
    }

    /** Tells whether the attribute may be empty (iTop's {@code is_null_allowed}). */
    public boolean isNullable() {
        return nullable;
    }

    /** Returns the default value for new objects as text (an enum code, {@code true}, a number), or empty. */
    public Optional<String> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    /** Returns the maximum length of a value in characters, or 0 when the type has no such limit. */
    public int maxLength() {
        return maxLength;
    }

    /** Returns the allowed values of an enum or enum set, in display order; empty for other types. */
    public List<EnumValue> enumValues() {
        return enumValues;
    }

    /** Finds the allowed value with {@code code}, compared exactly. */
    public Optional<EnumValue> enumValue(String code) {
        return enumValues.stream().filter(v -> v.code().equals(code)).findFirst();
    }

    /** Returns the total number of digits of a decimal, or 0 for other types. */
    public int digits() {
        return digits;
    }

    /** Returns the number of digits after the dot of a decimal, or 0 for other types. */
    public int decimals() {
        return decimals;
    }

    /** Returns the regular expression a non-empty value must match as a whole, when the model gives one. */
    public Optional<String> validationPattern() {
        return Optional.ofNullable(validationPattern);
    }

    /**
     * Returns the class an external or hierarchical key points to; for an external field, the
     * class of the object its key points to. Empty for other types.
     */
    public Optional<String> targetClass() {
        return Optional.ofNullable(targetClass);
    }

    /** Returns what happens to the object when the target of this external key is deleted. */
    public Optional<OnTargetDelete> onTargetDelete() {
        return Optional.ofNullable(onTargetDelete);
    }

    /** Returns, for an external field, the code of the external key it reads through. */
    public Optional<String> extKeyAttCode() {
        return Optional.ofNullable(extKeyAttCode);
    }

    /** Returns, for an external field, the code of the attribute it copies in the target class. */
    public Optional<String> targetAttCode() {
        return Optional.ofNullable(targetAttCode);
    }

    /** Returns, for a linked set, the class of the objects in the set (the link class for n:n sets). */
    public Optional<String> linkedClass() {
        return Optional.ofNullable(linkedClass);
    }

    /** Returns, for a linked set, the external key of {@link #linkedClass()} that points back to this object. */
    public Optional<String> extKeyToMe() {
        return Optional.ofNullable(extKeyToMe);
    }

    /** Returns, for an n:n linked set, the external key of the link class that points to the remote object. */
    public Optional<String> extKeyToRemote() {
        return Optional.ofNullable(extKeyToRemote);
    }

    /**
     * Tells whether the attribute can never be written by an import or a synchronization: computed
     * attributes, external fields and attributes the model declares read-only.
     */
    public boolean isReadOnly() {
        return readOnly;
    }

    /** Tells whether the value is computed by the engine ({@code friendlyname}, {@code finalclass}, external fields...). */
    public boolean isComputed() {
        return type.isComputed();
    }

    @Override
    public String toString() {
        return definingClass + "." + code + " (" + type.itopName() + ")";
    }

    /** Collects the properties of an {@link AttributeDef}; not thread-safe. */
    public static final class Builder {
        private final String code;
        private final AttributeType type;
        private String label;
        private String definingClass;
        private String sqlColumn;
        private boolean nullable = true;
        private String defaultValue;
        private int maxLength;
        private List<EnumValue> enumValues = List.of();
        private int digits;
        private int decimals;
        private String validationPattern;
        private String targetClass;
        private OnTargetDelete onTargetDelete;
        private String extKeyAttCode;
        private String targetAttCode;
        private String linkedClass;
        private String extKeyToMe;
        private String extKeyToRemote;
        private boolean readOnly;

        private Builder(String code, AttributeType type) {
            this.code = code;
            this.type = type;
        }

        /** Sets the English label; null means the code. */
        public Builder label(String value) {
            this.label = value;
            return this;
        }

        /** Sets the name of the class that declares the attribute (required). */
        public Builder definingClass(String value) {
            this.definingClass = value;
            return this;
        }

        /** Sets the database column name given by the model, or null. */
        public Builder sqlColumn(String value) {
            this.sqlColumn = value;
            return this;
        }

        /** Sets whether the attribute may be empty (default true). */
        public Builder nullable(boolean value) {
            this.nullable = value;
            return this;
        }

        /** Sets the default value as text, or null for none. */
        public Builder defaultValue(String value) {
            this.defaultValue = value;
            return this;
        }

        /** Sets the maximum length in characters; 0 keeps the type's own limit. */
        public Builder maxLength(int value) {
            this.maxLength = value;
            return this;
        }

        /** Sets the allowed values of an enum or enum set, in display order. */
        public Builder enumValues(List<EnumValue> value) {
            this.enumValues = List.copyOf(value);
            return this;
        }

        /** Sets the total number of digits and the digits after the dot of a decimal. */
        public Builder precision(int digits, int decimals) {
            this.digits = digits;
            this.decimals = decimals;
            return this;
        }

        /** Sets the regular expression a non-empty value must match, or null. */
        public Builder validationPattern(String value) {
            this.validationPattern = value;
            return this;
        }

        /** Sets the class a key points to (or the class an external field reads from). */
        public Builder targetClass(String value) {
            this.targetClass = value;
            return this;
        }

        /** Sets what happens when the target of the external key is deleted. */
        public Builder onTargetDelete(OnTargetDelete value) {
            this.onTargetDelete = value;
            return this;
        }

        /** Sets, for an external field, its external key and the attribute it copies. */
        public Builder externalField(String extKeyAttCode, String targetAttCode) {
            this.extKeyAttCode = extKeyAttCode;
            this.targetAttCode = targetAttCode;
            return this;
        }

        /** Sets, for a linked set, the class of its objects and the keys to this object and to the remote one. */
        public Builder linkedSet(String linkedClass, String extKeyToMe, String extKeyToRemote) {
            this.linkedClass = linkedClass;
            this.extKeyToMe = extKeyToMe;
            this.extKeyToRemote = extKeyToRemote;
            return this;
        }

        /** Marks the attribute read-only by definition (computed kinds always are). */
        public Builder readOnly(boolean value) {
            this.readOnly = value;
            return this;
        }

        /** Builds the immutable attribute. */
        public AttributeDef build() {
            return new AttributeDef(this);
        }
    }
}
