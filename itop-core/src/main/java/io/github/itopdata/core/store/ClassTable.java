package io.github.itopdata.core.store;

import io.github.itopdata.core.model.ModelClass;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How the objects of one class are stored: the table of its hierarchy, the key and final-class
 * columns, and one column per stored attribute.
 *
 * <p>All classes of a hierarchy share one table, named after the root class; the {@code
 * finalclass} column contains each object's own class. The objects of class X, subclasses
 * included, are the rows of {@link #tableName()} that satisfy {@link #classCondition(String)}.
 */
public final class ClassTable {

    /** Name of the key column of every object table. */
    public static final String ID_COLUMN = "id";
    /** Name of the column holding each object's own class. */
    public static final String FINAL_CLASS_COLUMN = "finalclass";

    private final ModelClass modelClass;
    private final String rootClassName;
    private final String tableName;
    private final List<String> finalClasses;
    private final Map<String, ColumnMapping> columns;
    private final Map<String, DocumentColumns> documents;

    ClassTable(ModelClass modelClass, String rootClassName, String tableName, List<String> finalClasses,
            List<ColumnMapping> columns, Map<String, DocumentColumns> documents) {
        this.modelClass = modelClass;
        this.rootClassName = rootClassName;
        this.tableName = tableName;
        this.finalClasses = List.copyOf(finalClasses);
        Map<String, ColumnMapping> byCode = new LinkedHashMap<>();
        for (ColumnMapping column : columns) {
            byCode.put(column.attCode(), column);
        }
        this.columns = byCode;
        this.documents = Map.copyOf(documents);
    }

    /** Returns the class name. */
    public String className() {
        return modelClass.name();
    }

    /** Returns the class as the model defines it. */
    public ModelClass modelClass() {
        return modelClass;
    }

    /** Returns the root class of the hierarchy, whose table contains this class's objects. */
    public String rootClassName() {
        return rootClassName;
    }

    /** Returns the table name, such as {@code obj_functionalci}. */
    public String tableName() {
        return tableName;
    }

    /** Returns the table name double-quoted for SQL. */
    public String quotedTableName() {
        return SchemaMapping.quote(tableName);
    }

    /** Returns the key column name, {@value #ID_COLUMN}. */
    public String idColumn() {
        return ID_COLUMN;
    }

    /** Returns the final-class column name, {@value #FINAL_CLASS_COLUMN}. */
    public String finalClassColumn() {
        return FINAL_CLASS_COLUMN;
    }

    /**
     * Returns the values of {@code finalclass} that make a row an object of this class: the
     * class itself and every subclass at any depth, parents before children. Abstract classes
     * are listed too, although no object has them as final class.
     */
    public List<String> finalClasses() {
        return finalClasses;
    }

    /** Tells whether every row of the table is an object of this class (the class is the root). */
    public boolean includesWholeTable() {
        return className().equals(rootClassName);
    }

    /**
     * Returns the SQL condition that keeps the objects of this class and its subclasses, for a
     * table alias: {@code TRUE} for a root class, else {@code o."finalclass" IN ('Server', ...)}.
     * The class names are written as literals, quotes doubled.
     */
    public String classCondition(String alias) {
        if (includesWholeTable()) {
            return "TRUE";
        }
        return alias + "." + SchemaMapping.quote(FINAL_CLASS_COLUMN) + " IN ("
                + finalClasses.stream().map(SchemaMapping::literal).collect(Collectors.joining(", ")) + ")";
    }

    /**
     * Finds the column of an attribute of this class (own or inherited), compared exactly.
     * Empty for attributes without a column: external fields, linked sets, {@code friendlyname},
     * the obsolescence flag, and codes the class does not have. {@code finalclass} maps to the
     * {@value #FINAL_CLASS_COLUMN} column, marked {@link ColumnMapping#system()}.
     */
    public Optional<ColumnMapping> column(String attCode) {
        return Optional.ofNullable(columns.get(attCode));
    }

    /**
     * Returns the column of an attribute that must be stored.
     *
     * @throws IllegalArgumentException naming the class and the attribute when it has no column
     */
    public ColumnMapping requireColumn(String attCode) {
        ColumnMapping column = columns.get(attCode);
        if (column == null) {
            String reason = modelClass.hasAttribute(attCode)
                    ? "is not stored (" + modelClass.attribute(attCode).get().type().itopName() + ")"
                    : "does not exist";
            throw new IllegalArgumentException("Attribute '" + attCode + "' of class " + className() + " " + reason);
        }
        return column;
    }

    /**
     * Finds the four columns of a blob or image attribute, or returns empty for other attributes.
     * The contents column is also the attribute's {@link #column}.
     */
    public Optional<DocumentColumns> documentColumns(String attCode) {
        return Optional.ofNullable(documents.get(attCode));
    }

    /** Tells whether an attribute of this class has a column. */
    public boolean isStored(String attCode) {
        return columns.containsKey(attCode);
    }

    /** Returns the stored attributes' columns, in the class's attribute order, {@code finalclass} included if the class has it. */
    public List<ColumnMapping> columns() {
        return List.copyOf(columns.values());
    }

    /** Returns the columns the store writes from attribute values: {@link #columns()} without system ones. */
    public List<ColumnMapping> writableColumns() {
        return columns.values().stream().filter(c -> !c.system()).toList();
    }

    @Override
    public String toString() {
        return className() + " in " + tableName;
    }
}
