package io.github.itopdata.core.synchro.internal;

import io.github.itopdata.core.model.AttributeDef;
import io.github.itopdata.core.model.AttributeType;
import io.github.itopdata.core.model.ModelClass;
import io.github.itopdata.core.store.ClassTable;
import io.github.itopdata.core.store.SchemaMapping;
import java.util.ArrayList;
import java.util.List;

/**
 * The attributes of a class that a data source can synchronize, each with a column in the
 * replica table: the writable stored attributes and the indirect (n:n) link sets. The final
 * class, direct (1:n) link sets, computed and read-only attributes have none.
 */
public final class TargetAttributes {

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
            if (attribute.type() == AttributeType.BLOB || attribute.type() == AttributeType.IMAGE) {
                // TODO: documents need four columns (_data, _mimetype, _filename, _downloads_count);
                // the store keeps only the contents, so they are not synchronized yet.
                continue;
            }
            if (table.column(attribute.code()).filter(c -> !c.system()).isPresent()) {
                result.add(attribute);
            }
        }
        return result;
    }
}
