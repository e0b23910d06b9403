package io.github.itopdata.core.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One class of the model, with the attributes it declares and those it inherits. Immutable;
 * built with {@link #builder(String)}, normally by the model loader.
 */
public final class ModelClass {

    private final String name;
    private final String parent;
    private final boolean isAbstract;
    private final String label;
    private final String category;
    private final String dbTable;
    private final String dbKeyField;
    private final String dbFinalClassField;
    private final boolean link;
    private final List<AttributeDef> ownAttributes;
    private final List<AttributeDef> allAttributes;
    private final Map<String, AttributeDef> attributesByCode;
    private final List<String> reconciliationKeys;
    private final List<String> namingAttributes;
    private final List<UniquenessRule> uniquenessRules;
    private final String obsolescenceCondition;

    private ModelClass(Builder builder) {
        this.name = Objects.requireNonNull(builder.name, "name");
        this.parent = builder.parent;
        this.isAbstract = builder.isAbstract;
        this.label = builder.label == null ? builder.name : builder.label;
        this.category = builder.category == null ? "" : builder.category;
        this.dbTable = builder.dbTable;
        this.dbKeyField = builder.dbKeyField == null ? "id" : builder.dbKeyField;
        this.dbFinalClassField = builder.dbFinalClassField == null ? "finalclass" : builder.dbFinalClassField;
        this.link = builder.link;
        this.ownAttributes = List.copyOf(builder.ownAttributes);
        this.allAttributes = List.copyOf(builder.allAttributes);
        Map<String, AttributeDef> byCode = new LinkedHashMap<>();
        for (AttributeDef attribute : allAttributes) {
            byCode.put(attribute.code(), attribute);
        }
        this.attributesByCode = byCode;
        this.reconciliationKeys = List.copyOf(builder.reconciliationKeys);
        this.namingAttributes = List.copyOf(builder.namingAttributes);
        this.uniquenessRules = List.copyOf(builder.uniquenessRules);
        this.obsolescenceCondition = builder.obsolescenceCondition;
    }

    /** Starts a class with its name; the other properties have neutral defaults. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Returns the class name, such as {@code Server}; names are case-sensitive. */
    public String name() {
        return name;
    }

    /** Returns the name of the parent class, or empty for a root class. */
    public Optional<String> parent() {
        return Optional.ofNullable(parent);
    }

    /** Tells whether the class is abstract: no object is created in it, only in its subclasses. */
    public boolean isAbstract() {
        return isAbstract;
    }

    /** Returns the English label, such as {@code Server}; the name when the model gives none. */
    public String label() {
        return label;
    }

    /** Returns the model's category list as written, such as {@code bizmodel,searchable}; empty if none. */
    public String category() {
        return category;
    }

    /**
     * Returns the database table name the model gives ({@code <db_table>}), or empty when it gives
     * none. The storage layer decides how the name is used.
     */
    public Optional<String> dbTable() {
        return Optional.ofNullable(dbTable);
    }

    /** Returns the name of the key column ({@code <db_key_field>}, {@code id} by default). */
    public String dbKeyField() {
        return dbKeyField;
    }

    /** Returns the name of the column that holds the final class ({@code finalclass} by default). */
    public String dbFinalClassField() {
        return dbFinalClassField;
    }

    /** Tells whether the class is a link class, whose objects join two other objects (n:n sets). */
    public boolean isLink() {
        return link;
    }

    /**
     * Returns the attributes the class declares itself, in model order, followed by the computed
     * attributes it adds ({@code friendlyname} and {@code <key>_friendlyname} of its own keys...).
     */
    public List<AttributeDef> ownAttributes() {
        return ownAttributes;
    }

    /**
     * Returns every attribute of the class, inherited ones first (root class first), each class's
     * declared attributes in model order followed by its computed ones. The key {@code id} is not
     * an attribute: see {@link #dbKeyField()}.
     */
    public List<AttributeDef> allAttributes() {
        return allAttributes;
    }

    /** Finds an attribute (own or inherited) by its code, compared exactly. */
    public Optional<AttributeDef> attribute(String code) {
        return Optional.ofNullable(attributesByCode.get(code));
    }

    /** Tells whether the class has an attribute (own or inherited) with this code. */
    public boolean hasAttribute(String code) {
        return attributesByCode.containsKey(code);
    }

    /** Returns the declared reconciliation attribute codes, in declared order (inherited if not redeclared). */
    public List<String> reconciliationKeys() {
        return reconciliationKeys;
    }

    /** Returns the attribute codes whose values, joined by spaces, form the friendly name. */
    public List<String> namingAttributes() {
        return namingAttributes;
    }

    /** Returns the uniqueness rules that apply to the class, inherited ones first. */
    public List<UniquenessRule> uniquenessRules() {
        return uniquenessRules;
    }

    /**
     * Returns the OQL condition under which an object is obsolete (such as
     * {@code status = 'inactive'}), inherited when the class declares none; empty if none applies.
     */
    public Optional<String> obsolescenceCondition() {
        return Optional.ofNullable(obsolescenceCondition);
    }

    @Override
    public String toString() {
        return name;
    }

    /** Collects the properties of a {@link ModelClass}; not thread-safe. */
    public static final class Builder {
        private final String name;
        private String parent;
        private boolean isAbstract;
        private String label;
        private String category;
        private String dbTable;
        private String dbKeyField;
        private String dbFinalClassField;
        private boolean link;
        private List<AttributeDef> ownAttributes = List.of();
        private List<AttributeDef> allAttributes = List.of();
        private List<String> reconciliationKeys = List.of();
        private List<String> namingAttributes = List.of();
        private List<UniquenessRule> uniquenessRules = List.of();
        private String obsolescenceCondition;

        private Builder(String name) {
            this.name = name;
        }

        /** Sets the parent class name, or null for a root class. */
        public Builder parent(String value) {
            this.parent = value;
            return this;
        }

        /** Sets whether the class is abstract. */
        public Builder isAbstract(boolean value) {
            this.isAbstract = value;
            return this;
        }

        /** Sets the English label; null means the name. */
        public Builder label(String value) {
            this.label = value;
            return this;
        }

        /** Sets the category list as written in the model. */
        public Builder category(String value) {
            this.category = value;
            return this;
        }

        /** Sets the database table name, or null. */
        public Builder dbTable(String value) {
            this.dbTable = value;
            return this;
        }

        /** Sets the key column name; null means {@code id}. */
        public Builder dbKeyField(String value) {
            this.dbKeyField = value;
            return this;
        }

        /** Sets the final class column name; null means {@code finalclass}. */
        public Builder dbFinalClassField(String value) {
            this.dbFinalClassField = value;
            return this;
        }

        /** Sets whether the class is a link class. */
        public Builder link(boolean value) {
            this.link = value;
            return this;
        }

        /** Sets the attributes the class declares or computes itself. */
        public Builder ownAttributes(List<AttributeDef> value) {
            this.ownAttributes = List.copyOf(value);
            return this;
        }

        /** Sets every attribute of the class, inherited ones first. */
        public Builder allAttributes(List<AttributeDef> value) {
            this.allAttributes = List.copyOf(value);
            return this;
        }

        /** Sets the reconciliation attribute codes. */
        public Builder reconciliationKeys(List<String> value) {
            this.reconciliationKeys = List.copyOf(value);
            return this;
        }

        /** Sets the naming attribute codes. */
        public Builder namingAttributes(List<String> value) {
            this.namingAttributes = List.copyOf(value);
            return this;
        }

        /** Sets the uniqueness rules that apply to the class. */
        public Builder uniquenessRules(List<UniquenessRule> value) {
            this.uniquenessRules = List.copyOf(value);
            return this;
        }

        /** Sets the obsolescence condition (OQL text), or null. */
        public Builder obsolescenceCondition(String value) {
            this.obsolescenceCondition = value;
            return this;
        }

        /** Builds the immutable class. */
        public ModelClass build() {
            return new ModelClass(this);
        }
    }
}
