package io.github.itopdata.core.store;

import java.util.Objects;

/**
 * The column of a class hierarchy's table that stores an attribute's value.
 *
 * @param attCode    the attribute code, such as {@code org_id}
 * @param columnName the column name, lower case; write it with {@link #quotedName()} in SQL
 * @param sqlType    the column's type
 * @param ddlType    the type as written in DDL and casts, such as {@code numeric(10,2)} or {@code text}
 * @param system     true for the {@code finalclass} column, which the store writes itself
 */
public record ColumnMapping(String attCode, String columnName, SqlType sqlType, String ddlType, boolean system) {

    /** Checks that the parts are present. */
    public ColumnMapping {
        Objects.requireNonNull(attCode, "attCode");
        Objects.requireNonNull(columnName, "columnName");
        Objects.requireNonNull(sqlType, "sqlType");
        Objects.requireNonNull(ddlType, "ddlType");
    }

    /** Returns the column name double-quoted, safe in SQL even when it is a keyword such as {@code type}. */
    public String quotedName() {
        return SchemaMapping.quote(columnName);
    }

    /** Returns the column qualified by a table alias, such as {@code o."name"}. */
    public String qualified(String alias) {
        return alias + "." + quotedName();
    }

    /** Tells whether text matching on this column goes through the fold function ({@code itop_fold}). */
    public boolean isText() {
        return sqlType == SqlType.TEXT;
    }
}
