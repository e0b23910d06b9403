package io.github.itopdata.core.imports.internal;

/**
 * What a column name (or a reconciliation key item) designates: the primary key {@code id}, an
 * attribute {@code a}, or a search field {@code k->r} of an external key.
 *
 * @param attCode {@code id}, the attribute code, or the external key code of {@code k->r}
 * @param remoteCode the code {@code r} of {@code k->r}; null for the other two kinds
 */
public record ColumnTarget(String attCode, String remoteCode) {

    /** The primary key column. */
    public static final ColumnTarget ID = new ColumnTarget("id", null);

    /** Tells whether this is the primary key. */
    public boolean isId() {
        return remoteCode == null && "id".equals(attCode);
    }

    /** Tells whether this is a {@code k->r} search field. */
    public boolean isRemoteField() {
        return remoteCode != null;
    }

    /** Returns the name in code form: {@code id}, {@code a} or {@code k->r}. */
    public String path() {
        return remoteCode == null ? attCode : attCode + "->" + remoteCode;
    }
}
