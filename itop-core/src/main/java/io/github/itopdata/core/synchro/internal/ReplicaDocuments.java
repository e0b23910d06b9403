package io.github.itopdata.core.synchro.internal;

import io.github.itopdata.core.model.AttributeDef;
import io.github.itopdata.core.model.ModelClass;
import io.github.itopdata.core.store.Document;
import io.github.itopdata.core.store.SchemaMapping;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * Reads the four data table columns of a document attribute ({@code _data}, {@code _mimetype},
 * {@code _filename}, {@code _downloads_count}) as one {@link Document}.
 */
final class ReplicaDocuments {

    private static final List<String> SUFFIXES = List.of(TargetAttributes.DATA, TargetAttributes.MIME_TYPE,
            TargetAttributes.FILE_NAME, TargetAttributes.DOWNLOADS_COUNT);

    private ReplicaDocuments() {
    }

    /** Tells whether an attribute code of the class is a blob or an image. */
    static boolean isDocument(ModelClass modelClass, String attCode) {
        return modelClass.attribute(attCode).map(AttributeDef::type).map(t -> t.isDocument()).orElse(false);
    }

    /** Returns the select list of a document's columns, named {@code doc_<position>_<part>}. */
    static String selectList(String alias, String attCode, int position) {
        StringBuilder list = new StringBuilder();
        for (int part = 0; part < SUFFIXES.size(); part++) {
            list.append(", ").append(alias).append('.').append(SchemaMapping.quote(attCode + SUFFIXES.get(part)))
                    .append(" AS doc_").append(position).append('_').append(part);
        }
        return list.toString();
    }

    /** Reads the columns selected by {@link #selectList}, or returns null when any of them is NULL. */
    static Document read(ResultSet rows, int position) throws SQLException {
        String prefix = "doc_" + position + "_";
        byte[] data = rows.getBytes(prefix + 0);
        String mimeType = rows.getString(prefix + 1);
        String fileName = rows.getString(prefix + 2);
        int downloadsCount = rows.getInt(prefix + 3);
        if (data == null || mimeType == null || fileName == null || rows.wasNull()) {
            return null;
        }
        return new Document(data, mimeType, fileName, downloadsCount);
    }
}
