package io.github.itopdata.core.query.internal;

import io.github.itopdata.core.model.AttributeDef;
import io.github.itopdata.core.model.Model;
import io.github.itopdata.core.model.ModelClass;
import io.github.itopdata.core.query.FieldRef;
import io.github.itopdata.core.query.internal.Sql.Kind;
import io.github.itopdata.core.store.ClassTable;
import io.github.itopdata.core.store.ColumnMapping;
import io.github.itopdata.core.store.DocumentColumns;
import io.github.itopdata.core.store.SchemaMapping;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Reads filter codes of an object row in SQL: stored columns, friendly names, final classes,
 * obsolescence flags, and values behind external keys.
 *
 * <p>Values behind a key are read through a correlated sub-select in conditions, and through a
 * LEFT JOIN (one per distinct key path, registered in {@link #joins()}) for output columns, where
 * a join is much cheaper than a sub-select per row. An external key that points to nothing is
 * stored as NULL and read as 0, as OQL expects.
 */
final class ValueReader {

    private final SchemaMapping mapping;
    private final Model model;
    private final AliasNames names;
    private final BiFunction<ModelClass, String, Sql> obsolescence;
    private final Map<String, String> joinAliases = new LinkedHashMap<>();
    private final List<String> joins = new ArrayList<>();

    ValueReader(SchemaMapping mapping, AliasNames names, BiFunction<ModelClass, String, Sql> obsolescence) {
        this.mapping = mapping;
        this.model = mapping.model();
        this.names = names;
        this.obsolescence = obsolescence;
    }

    /** Returns the LEFT JOIN clauses registered by {@link #read} with {@code joined = true}. */
    List<String> joins() {
        return joins;
    }

    /** Returns SQL reading {@code field} on the row of table alias {@code alias}. */
    Sql read(FieldRef field, String alias, boolean joined) {
        ModelClass owner = field.owner();
        switch (field.kind()) {
            case ID:
                return Sql.of(alias + ".id", Kind.NUMBER);
            case ATTRIBUTE:
                return attribute(owner, field.attribute(), alias);
            case EXTERNAL_FIELD:
                return externalField(owner, field.attribute(), alias, joined);
            case FRIENDLY_NAME:
                return friendlyName(owner, alias);
            case FINAL_CLASS:
                return Sql.of(alias + ".finalclass", Kind.CODE);
            case OBSOLESCENCE_FLAG:
                return obsolescenceFlag(owner, alias);
            case KEY_FRIENDLY_NAME:
                return throughKey(owner, field.attribute(), alias, joined, (target, targetAlias) -> friendlyName(target, targetAlias));
            case KEY_FINAL_CLASS:
                return throughKey(owner, field.attribute(), alias, joined,
                        (target, targetAlias) -> Sql.of(targetAlias + ".finalclass", Kind.CODE));
            case KEY_OBSOLESCENCE_FLAG:
                return throughKey(owner, field.attribute(), alias, joined, this::obsolescenceFlag);
            default:
                throw new IllegalStateException("Unhandled filter code kind " + field.kind());
        }
    }

    /** Returns the table alias of the object {@code key} points to, joining it when needed. */
    String joinTarget(String alias, AttributeDef key, ModelClass target) {
        String path = alias + "." + key.code();
        String existing = joinAliases.get(path);
        if (existing != null) {
            return existing;
        }
        ClassTable table = mapping.table(target.name());
        String targetAlias = names.next();
        String column = ownerTable(key).requireColumn(key.code()).qualified(alias);
        joins.add("LEFT JOIN " + table.quotedTableName() + " " + targetAlias + " ON " + targetAlias + ".id = " + column);
        joinAliases.put(path, targetAlias);
        return targetAlias;
    }

    private ClassTable ownerTable(AttributeDef attribute) {
        return mapping.table(attribute.definingClass());
    }

    private Sql attribute(ModelClass owner, AttributeDef attribute, String alias) {
        ClassTable table = mapping.table(owner.name());
        ColumnMapping column = table.requireColumn(attribute.code());
        String qualified = column.qualified(alias);
        Optional<DocumentColumns> document = table.documentColumns(attribute.code());
        if (document.isPresent()) {
            // A document reads as its file name, which is what exports print. Its contents stay in the table.
            return Sql.of(document.get().fileName().qualified(alias), Kind.TEXT);
        }
        if (attribute.type().isExternalKey()) {
            return Sql.of("coalesce(" + qualified + ", 0)", Kind.NUMBER);
        }
        switch (column.sqlType()) {
            case INTEGER, BIGINT, NUMERIC:
                return Sql.of(qualified, Kind.NUMBER);
            case BOOLEAN:
                return Sql.of("(" + qualified + ")::int", Kind.NUMBER);
            case DATE:
                return Sql.of(qualified, Kind.DATE);
            case TIMESTAMP:
                return Sql.of(qualified, Kind.DATETIME);
            default:
                return Sql.of(qualified, attribute.type() == io.github.itopdata.core.model.AttributeType.ENUM ? Kind.CODE : Kind.TEXT);
        }
    }

    /**
     * Returns SQL for the raw stored value of {@code attribute}: booleans stay booleans, empty keys
     * stay NULL, and a document reads as its file name.
     */
    Sql rawColumn(ModelClass owner, AttributeDef attribute, String alias) {
        ClassTable table = mapping.table(owner.name());
        ColumnMapping column = table.requireColumn(attribute.code());
        Optional<DocumentColumns> document = table.documentColumns(attribute.code());
        if (document.isPresent()) {
            return Sql.of(document.get().fileName().qualified(alias), Kind.TEXT);
        }
        return Sql.of(column.qualified(alias), Kind.TEXT);
    }

    private Sql externalField(ModelClass owner, AttributeDef field, String alias, boolean joined) {
        AttributeDef key = owner.attribute(field.extKeyAttCode().orElseThrow())
                .orElseThrow(() -> new IllegalStateException("External field " + field + " names a missing key"));
        String targetAttribute = field.targetAttCode().orElseThrow();
        return throughKey(owner, key, alias, joined, (target, targetAlias) -> {
            FieldRef remote = codesOf(target, targetAttribute);
            return read(remote, targetAlias, joined);
        });
    }

    /** Classifies the attribute an external field reads, computed ones included ({@code friendlyname}, flags). */
    private FieldRef codesOf(ModelClass target, String code) {
        if (code.equals("id")) {
            return new FieldRef(target, code, FieldRef.Kind.ID, null);
        }
        AttributeDef attribute = target.attribute(code).orElse(null);
        if (attribute == null) {
            switch (code) {
                case "friendlyname":
                    return new FieldRef(target, code, FieldRef.Kind.FRIENDLY_NAME, null);
                case "finalclass":
                    return new FieldRef(target, code, FieldRef.Kind.FINAL_CLASS, null);
                case "obsolescence_flag":
                    return new FieldRef(target, code, FieldRef.Kind.OBSOLESCENCE_FLAG, null);
                default:
                    throw new IllegalStateException("External field reads " + target.name() + "." + code + ", which does not exist");
            }
        }
        switch (attribute.type()) {
            case FRIENDLY_NAME:
                return new FieldRef(target, code, FieldRef.Kind.FRIENDLY_NAME, null);
            case FINAL_CLASS:
                return new FieldRef(target, code, FieldRef.Kind.FINAL_CLASS, null);
            case OBSOLESCENCE_FLAG:
                return new FieldRef(target, code, FieldRef.Kind.OBSOLESCENCE_FLAG, null);
            case EXTERNAL_FIELD:
                return new FieldRef(target, code, FieldRef.Kind.EXTERNAL_FIELD, attribute);
            default:
                return new FieldRef(target, code, FieldRef.Kind.ATTRIBUTE, attribute);
        }
    }

    /** Reads a value of the object {@code key} points to: a join for output columns, a sub-select in conditions. */
    Sql throughKey(ModelClass owner, AttributeDef key, String alias, boolean joined,
                   BiFunction<ModelClass, String, Sql> value) {
        ModelClass target = model.get(key.targetClass().orElseThrow());
        if (joined) {
            return value.apply(target, joinTarget(alias, key, target));
        }
        String targetAlias = names.next();
        ClassTable table = mapping.table(target.name());
        String column = ownerTable(key).requireColumn(key.code()).qualified(alias);
        Sql inner = value.apply(target, targetAlias);
        return Sql.join(inner.kind(), "(SELECT ", inner, " FROM ", table.quotedTableName(), " ", targetAlias,
                " WHERE ", targetAlias, ".id = ", column, ")");
    }

    /**
     * Returns the friendly name: the naming attributes joined by spaces. Subclasses that name
     * their objects differently get their own branch of a CASE on the final class.
     */
    Sql friendlyName(ModelClass modelClass, String alias) {
        Sql own = namingOf(modelClass, alias);
        List<ModelClass> different = new ArrayList<>();
        for (ModelClass descendant : model.descendants(modelClass.name())) {
            if (!descendant.namingAttributes().equals(modelClass.namingAttributes())) {
                different.add(descendant);
            }
        }
        if (different.isEmpty()) {
            return own;
        }
        List<Object> parts = new ArrayList<>();
        parts.add("CASE " + alias + ".finalclass");
        for (ModelClass descendant : different) {
            parts.add(" WHEN " + SchemaMapping.literal(descendant.name()) + " THEN ");
            parts.add(namingOf(descendant, alias));
        }
        parts.add(" ELSE ");
        parts.add(own);
        parts.add(" END");
        return Sql.join(Kind.TEXT, parts.toArray());
    }

    private Sql namingOf(ModelClass modelClass, String alias) {
        List<String> naming = modelClass.namingAttributes();
        if (naming.isEmpty()) {
            return Sql.of("(" + alias + ".id)::text", Kind.TEXT);
        }
        List<Sql> parts = new ArrayList<>();
        for (String code : naming) {
            FieldRef ref = codesOf(modelClass, code);
            Sql value = read(ref, alias, false);
            parts.add(value.kind() == Kind.TEXT || value.kind() == Kind.CODE ? value.withKind(Kind.TEXT)
                    : Sql.join(Kind.TEXT, "(", value, ")::text"));
        }
        if (parts.size() == 1) {
            return parts.get(0).withKind(Kind.TEXT);
        }
        return Sql.join(Kind.TEXT, "concat_ws(' ', ", Sql.list(Kind.TEXT, ", ", parts), ")");
    }

    private Sql obsolescenceFlag(ModelClass modelClass, String alias) {
        Sql condition = obsolescence.apply(modelClass, alias);
        if (condition == null) {
            return Sql.of("0", Kind.NUMBER);
        }
        return Sql.join(Kind.NUMBER, "CASE WHEN ", condition, " THEN 1 ELSE 0 END");
    }
}
