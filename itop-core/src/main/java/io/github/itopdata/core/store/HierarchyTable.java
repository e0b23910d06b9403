package io.github.itopdata.core.store;

import java.util.List;
import java.util.Objects;

/**
 * The table of one class hierarchy, as the schema should be: every column any class of the
 * hierarchy stores, and the indexes the store maintains.
 *
 * @param rootClassName      the hierarchy's root class
 * @param tableName          the table name
 * @param columns            the attribute columns, one per column name, in model order
 * @param foldIndexedColumns text columns with an index on {@code itop_fold(column)}: the
 *                           reconciliation keys and naming attributes of the hierarchy's classes
 * @param keyIndexedColumns  external-key columns with a plain index: the keys of link classes
 *                           and hierarchical keys, read back by linked sets and trees
 */
public record HierarchyTable(String rootClassName, String tableName, List<ColumnMapping> columns,
        List<String> foldIndexedColumns, List<String> keyIndexedColumns) {

    /** Copies the lists. */
    public HierarchyTable {
        Objects.requireNonNull(rootClassName, "rootClassName");
        Objects.requireNonNull(tableName, "tableName");
        columns = List.copyOf(columns);
        foldIndexedColumns = List.copyOf(foldIndexedColumns);
        keyIndexedColumns = List.copyOf(keyIndexedColumns);
    }

    /** Returns the name of the sequence that gives the table's ids. */
    public String sequenceName() {
        return tableName + "_id_seq";
    }
}
