package io.github.itopdata.core.synchro.internal;

import io.github.itopdata.core.model.AttributeDef;
import io.github.itopdata.core.model.AttributeType;
import io.github.itopdata.core.model.ModelClass;
import io.github.itopdata.core.store.ClassTable;
import io.github.itopdata.core.store.SchemaMapping;
import java.util.ArrayList;
import java.util.List;

/**
 * The attributes of a class that a data source can synchronize, each with columns in the
 * replica table: the writable stored attributes, documents (blobs and images) included, and
 * the indirect (n:n) link sets. The final class, direct (1:n) link sets, computed and
 * read-only attributes have none.
 *
 * <p>An attribute has one {@code text} column named after its code, except a document, which
 * has four: {@code <code>_data} ({@code bytea}), {@code <code>_mimetype} and {@code
 * <code>_filename} ({@code varchar(255)}), and {@code <code>_downloads_count} ({@code integer}).
 */
public final class TargetAttributes {

    /** Suffix of a document's contents column. */
    public static final String DATA = "_data";
    /** Suffix of a document's MIME type column. */
    public static final String MIME_TYPE = "_mimetype";
    /** Suffix of a document's file name column. */
    public static final String FILE_NAME = "_filename";
    /** Suffix of a document's download count column. */
    public static final String DOWNLOADS_COUNT = "_downloads_count";
    /** Maximum length of a document's MIME type and file name in the replica table. */
    public static final int MAX_NAME_LENGTH = 255;

    private TargetAttributes() {
    }

    public static List<AttributeDef> of(SchemaMapping mapping, String className) {
        ClassTable table = mapping.table(className);
        ModelClass modelClass = table.modelClass();
        List<AttributeDef> result = new ArrayList<>();
        for (AttributeDef attribute : modelClass.allAttributes()) {
            if (attribute.isReadOnly() || attribute.type().isComputed()) {
                continue;
            }
            if (attribute.type() == AttributeType.LINKED_SET_INDIRECT) {
                result.add(attribute);
                continue;
            }
            if (table.column(attribute.code()).filter(c -> !c.system()).isPresent()) {
                result.add(attribute);
            }
        }
        return result;
    }

    /** Returns the replica table columns of a class's target attributes, in attribute order. */
    public static List<ReplicaTable.Column> columns(SchemaMapping mapping, String className) {
        List<ReplicaTable.Column> columns = new ArrayList<>();
        for (AttributeDef attribute : of(mapping, className)) {
            columns.addAll(columns(attribute));
        }
        return columns;
    }

    /** Returns the replica table columns of one target attribute. */
    public static List<ReplicaTable.Column> columns(AttributeDef attribute) {
        String code = attribute.code();
        if (!attribute.type().isDocument()) {
            return List.of(new ReplicaTable.Column(code, "text"));
        }
        String name = "varchar(" + MAX_NAME_LENGTH + ")";
        return List.of(new ReplicaTable.Column(code + DATA, "bytea"), new ReplicaTable.Column(code + MIME_TYPE, name),
                new ReplicaTable.Column(code + FILE_NAME, name), new ReplicaTable.Column(code + DOWNLOADS_COUNT, "integer"));
    }
}
