package io.github.itopdata.core.export.internal;

import io.github.itopdata.core.model.AttributeDef;
import io.github.itopdata.core.model.AttributeType;
import io.github.itopdata.core.query.FieldRef;

/** Kinds of column value, which decide how a value is read from the result set and rendered. */
public enum ValueKind {
    /** The object's id or an external key: an integer, 0 for no object. */
    ID,
    /** Integers and decimals, as PostgreSQL prints them ({@code 16.00}). */
    NUMBER,
    BOOLEAN,
    ENUM,
    DATE,
    DATE_TIME,
    /** One-line texts: strings, e-mails, URLs, phones, IP addresses, friendly names. */
    STRING,
    /** Plain multi-line text. */
    TEXT,
    /** Text in HTML format. */
    HTML,
    CASE_LOG,
    /** Tag sets and enum sets: codes separated by {@code |}. */
    SET,
    /** The name of a class ({@code finalclass}). */
    CLASS_NAME,
    /** The obsolescence flag, 0 or 1. */
    FLAG,
    /** File contents, rendered as the file name. */
    BLOB;

    /** Returns the kind of the values a filter code reads. */
    public static ValueKind of(FieldRef field) {
        switch (field.kind()) {
            case ID:
                return ID;
            case FRIENDLY_NAME, KEY_FRIENDLY_NAME:
                return STRING;
            case FINAL_CLASS, KEY_FINAL_CLASS:
                return CLASS_NAME;
            case OBSOLESCENCE_FLAG, KEY_OBSOLESCENCE_FLAG:
                return FLAG;
            default:
                return of(field.attribute());
        }
    }

    /** Returns the kind of an attribute's values. */
    public static ValueKind of(AttributeDef attribute) {
        AttributeType type = attribute.type();
        switch (type) {
            case EXTERNAL_KEY, HIERARCHICAL_KEY:
                return ID;
            case INTEGER, DECIMAL, PERCENTAGE, DURATION:
                return NUMBER;
            case BOOLEAN:
                return BOOLEAN;
            case ENUM:
                return ENUM;
            case DATE:
                return DATE;
            case DATE_TIME:
                return DATE_TIME;
            case TEXT, LONG_TEXT:
                return TEXT;
            case HTML:
                return HTML;
            case CASE_LOG:
                return CASE_LOG;
            case TAG_SET, ENUM_SET:
                return SET;
            case FINAL_CLASS:
                return CLASS_NAME;
            case OBSOLESCENCE_FLAG:
                return FLAG;
            case BLOB, IMAGE:
                return BLOB;
            default:
                return STRING;
        }
    }

    /** Tells whether CSV writes the value without the text qualifier. */
    public boolean isBare() {
        return this == ID || this == NUMBER || this == BOOLEAN || this == FLAG;
    }
}
