package io.github.itopdata.core.imports.internal;

import io.github.itopdata.core.model.AttributeDef;
import io.github.itopdata.core.model.AttributeType;
import io.github.itopdata.core.model.Model;
import io.github.itopdata.core.model.ModelClass;
import io.github.itopdata.core.store.ClassTable;
import io.github.itopdata.core.store.ColumnMapping;
import io.github.itopdata.core.store.SchemaMapping;
import java.util.List;
import java.util.Optional;

/**
 * An SQL expression that reads one field of the objects of a class for searching: {@code id},
 * a stored attribute, or an external field (read through a join on its external key, one table
 * per level).
 *
 * @param expression the SQL expression, such as {@code t."name"} or {@code j0."name"}
 * @param text true when matching folds case, accents and trailing spaces
 * @param ddlType the SQL type to cast a text search value to when {@code text} is false
 */
record SearchField(String expression, boolean text, String ddlType) {

    /**
     * Builds the expression of {@code attCode} on table alias {@code alias}; joins needed by
     * external fields are appended to {@code joins}. Empty when the field cannot be searched.
     */
    static Optional<SearchField> of(Model model, SchemaMapping mapping, ModelClass modelClass, String attCode,
            String alias, List<String> joins) {
        if (attCode.equals("id")) {
            return Optional.of(new SearchField(alias + ".id", false, "bigint"));
        }
        ClassTable table = mapping.table(modelClass.name());
        Optional<ColumnMapping> column = table.column(attCode);
        if (column.isPresent()) {
            ColumnMapping mapped = column.get();
            return Optional.of(new SearchField(mapped.qualified(alias), mapped.isText(), mapped.ddlType()));
        }
        Optional<AttributeDef> attribute = modelClass.attribute(attCode);
        if (attribute.isEmpty() || attribute.get().type() != AttributeType.EXTERNAL_FIELD) {
            return Optional.empty();
        }
        String keyCode = attribute.get().extKeyAttCode().orElseThrow();
        Optional<ColumnMapping> keyColumn = table.column(keyCode);
        Optional<String> target = modelClass.attribute(keyCode).flatMap(AttributeDef::targetClass);
        if (keyColumn.isEmpty() || target.isEmpty()) {
            return Optional.empty();
        }
        ModelClass targetClass = model.get(target.get());
        String joinAlias = "j" + joins.size();
        joins.add("LEFT JOIN " + mapping.table(targetClass.name()).quotedTableName() + " " + joinAlias + " ON "
                + joinAlias + ".id = " + keyColumn.get().qualified(alias));
        return of(model, mapping, targetClass, attribute.get().targetAttCode().orElseThrow(), joinAlias, joins);
    }

    /** Returns the condition comparing this field with a text search value expression. */
    String condition(String valueExpression) {
        return text ? "itop_fold(" + expression + ") = itop_fold(" + valueExpression + ")"
                : expression + " = " + valueExpression + "::" + ddlType;
    }

    /** Returns the expression of a search value as compared: folded text, or the text itself. */
    String foldedValue(String valueExpression) {
        return text ? "itop_fold(" + valueExpression + ")" : valueExpression;
    }
}
