package io.github.itopdata.core.model.internal;

import io.github.itopdata.core.model.AttributeType;
import io.github.itopdata.core.model.EnumValue;
import io.github.itopdata.core.model.OnTargetDelete;
import java.util.ArrayList;
import java.util.List;

/** A class as read from the merged design tree, before references are checked. */
final class ClassSpec {

    final String name;
    final XmlNode node;
    String parent;
    boolean isAbstract;
    String category;
    String dbTable;
    String dbKeyField;
    String dbFinalClassField;
    boolean linkFlag;
    /** Null when the class declares no naming, so that it inherits its parent's. */
    List<String> naming;
    /** Null when the class declares no reconciliation, so that it inherits its parent's. */
    List<String> reconciliation;
    final List<RuleSpec> uniquenessRules = new ArrayList<>();
    String obsolescenceCondition;
    final List<FieldSpec> fields = new ArrayList<>();

    ClassSpec(String name, XmlNode node) {
        this.name = name;
        this.node = node;
    }

    /** A uniqueness rule as read; {@code attributes} is null when a subclass only changes flags. */
    static final class RuleSpec {
        final String id;
        final XmlNode node;
        List<String> attributes;
        String filter;
        Boolean blocking;
        Boolean disabled;

        RuleSpec(String id, XmlNode node) {
            this.id = id;
            this.node = node;
        }
    }

    /** An attribute as read from a {@code <field>} element. */
    static final class FieldSpec {
        final String code;
        final AttributeType type;
        final XmlNode node;
        String sqlColumn;
        boolean nullable = true;
        String defaultValue;
        List<EnumValue> enumValues = List.of();
        int digits;
        int decimals;
        String validationPattern;
        String targetClass;
        OnTargetDelete onTargetDelete;
        String extKeyAttCode;
        String targetAttCode;
        String linkedClass;
        String extKeyToMe;
        String extKeyToRemote;
        boolean readOnly;

        FieldSpec(String code, AttributeType type, XmlNode node) {
            this.code = code;
            this.type = type;
            this.node = node;
        }
    }
}
