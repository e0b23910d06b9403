package io.github.itopdata.core.model;

import java.util.Arrays;
import java.util.Optional;

/**
 * Kinds of attribute the model supports, each tied to the {@code xsi:type} that iTop's design XML
 * gives it. Computed kinds ({@link #FRIENDLY_NAME}, {@link #FINAL_CLASS},
 * {@link #OBSOLESCENCE_FLAG}) are added by the loader and never appear in a model file.
 */
public enum AttributeType {
    /** One line of text, 255 characters at most. */
    STRING("AttributeString"),
    /** Multi-line plain text, 65,535 characters at most. */
    TEXT("AttributeText"),
    /** Multi-line plain text, 67,107,840 characters at most. */
    LONG_TEXT("AttributeLongText"),
    /** Multi-line HTML text stored as given, 65,535 characters at most. */
    HTML("AttributeHTML"),
    /** Whole number. */
    INTEGER("AttributeInteger"),
    /** Fixed-point number with {@link AttributeDef#digits()} digits, {@link AttributeDef#decimals()} of them after the dot. */
    DECIMAL("AttributeDecimal"),
    /** Whole number from 0 to 100. */
    PERCENTAGE("AttributePercentage"),
    /** Whole number of seconds. */
    DURATION("AttributeDuration"),
    /** One code out of {@link AttributeDef#enumValues()}. */
    ENUM("AttributeEnum"),
    /** True or false. */
    BOOLEAN("AttributeBoolean"),
    /** Calendar date, {@code Y-m-d}. */
    DATE("AttributeDate"),
    /** Date and time of day, {@code Y-m-d H:i:s}. */
    DATE_TIME("AttributeDateTime"),
    /** E-mail address, checked against a validation pattern. */
    EMAIL("AttributeEmailAddress"),
    /** URL, checked against a validation pattern; 2,048 characters at most. */
    URL("AttributeURL"),
    /** Phone number, checked against a validation pattern. */
    PHONE("AttributePhoneNumber"),
    /** Dotted IPv4 address. */
    IP_ADDRESS("AttributeIPAddress"),
    /** Password kept so that it can be read back, 64 characters at most. */
    PASSWORD("AttributePassword"),
    /** Password stored as a salted hash, never read back. */
    ONE_WAY_PASSWORD("AttributeOneWayPassword"),
    /** Reference to one object of {@link AttributeDef#targetClass()}, stored as its id (0 for none). */
    EXTERNAL_KEY("AttributeExternalKey"),
    /** External key to an object of the same class hierarchy, forming a tree (parent organization). */
    HIERARCHICAL_KEY("AttributeHierarchicalKey"),
    /** Read-only copy of an attribute of the object an external key points to. */
    EXTERNAL_FIELD("AttributeExternalField"),
    /** 1:n set of the objects of {@link AttributeDef#linkedClass()} whose external key points here. */
    LINKED_SET("AttributeLinkedSet"),
    /** n:n set of objects, held by link objects of {@link AttributeDef#linkedClass()}. */
    LINKED_SET_INDIRECT("AttributeLinkedSetIndirect"),
    /** Append-only journal of text entries, each with a date and an author. */
    CASE_LOG("AttributeCaseLog"),
    /** Set of codes out of {@link AttributeDef#enumValues()}. */
    ENUM_SET("AttributeEnumSet"),
    /** Set of tags, each a code with a label, defined per class and attribute. */
    TAG_SET("AttributeTagSet"),
    /** File contents with a MIME type and a file name; cannot be given in CSV. */
    BLOB("AttributeBlob"),
    /** Image file; cannot be given in CSV. */
    IMAGE("AttributeImage"),
    /** Computed display name of the object, built from the class's naming attributes. */
    FRIENDLY_NAME("AttributeFriendlyName"),
    /** Computed name of the object's actual (leaf) class in a hierarchy. */
    FINAL_CLASS("AttributeFinalClass"),
    /** Computed flag, {@code yes} when the class's obsolescence condition holds for the object. */
    OBSOLESCENCE_FLAG("AttributeObsolescenceFlag");

    private final String itopName;

    AttributeType(String itopName) {
        this.itopName = itopName;
    }

    /** Returns the {@code xsi:type} of this kind in iTop's design XML, such as {@code AttributeString}. */
    public String itopName() {
        return itopName;
    }

    /** Finds the kind whose {@code xsi:type} is {@code itopName}, compared exactly. */
    public static Optional<AttributeType> fromItopName(String itopName) {
        return Arrays.stream(values()).filter(t -> t.itopName.equals(itopName)).findFirst();
    }

    /** Tells whether values of this kind are references to another object (external and hierarchical keys). */
    public boolean isExternalKey() {
        return this == EXTERNAL_KEY || this == HIERARCHICAL_KEY;
    }

    /** Tells whether this kind is a set of other objects (1:n or n:n), which has no column of its own. */
    public boolean isLinkedSet() {
        return this == LINKED_SET || this == LINKED_SET_INDIRECT;
    }

    /** Tells whether values of this kind are documents: a file's contents, MIME type and name (blobs and images). */
    public boolean isDocument() {
        return this == BLOB || this == IMAGE;
    }

    /** Tells whether the loader computes values of this kind; such attributes are never written. */
    public boolean isComputed() {
        return this == FRIENDLY_NAME || this == FINAL_CLASS || this == OBSOLESCENCE_FLAG || this == EXTERNAL_FIELD;
    }

    /**
     * Tells whether values of this kind are text that an empty CSV cell sets to the empty string
     * (string, e-mail, URL, IP address, phone, passwords, texts and HTML).
     */
    public boolean isStringLike() {
        switch (this) {
            case STRING, TEXT, LONG_TEXT, HTML, EMAIL, URL, PHONE, IP_ADDRESS, PASSWORD:
                return true;
            default:
                return false;
        }
    }
}
