package io.github.itopdata.core.imports.internal;

import io.github.itopdata.core.model.AttributeDef;
import io.github.itopdata.core.model.AttributeType;
import io.github.itopdata.core.model.ModelClass;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The header line mapped to the class: which column writes which attribute, which columns
 * search which external key, and the warnings met on the way.
 */
public final class HeaderMapping {

    private final ModelClass modelClass;
    /** {@code id} or attribute code to column index; a duplicate keeps the first position, last column. */
    private final Map<String, Integer> attributeColumns = new LinkedHashMap<>();
    /** External key code to (remote attribute code or {@code id}) to column index. */
    private final Map<String, Map<String, Integer>> externalKeyColumns = new LinkedHashMap<>();
    private final List<String> fieldCodes = new ArrayList<>();
    private final Set<String> readOnlyColumns = new LinkedHashSet<>();
    private final Map<String, String> headerTexts = new LinkedHashMap<>();
    private final List<String> warnings = new ArrayList<>();
    private boolean loneCarriageReturn;

    private HeaderMapping(ModelClass modelClass) {
        this.modelClass = modelClass;
    }

    /**
     * Maps the header cells.
     *
     * @throws ImportStoppedException on an unknown name or a column that can never be imported
     */
    public static HeaderMapping map(ModelClass modelClass, ColumnNames names, List<String> header)
            throws ImportStoppedException {
        HeaderMapping mapping = new HeaderMapping(modelClass);
        for (int index = 0; index < header.size(); index++) {
            String text = withoutStars(header.get(index) == null ? "<NULL>" : CsvRowReader.trim(header.get(index)));
            ColumnNames.Resolution resolution = names.resolve(text, "Input column").orElseThrow(() ->
                    new ImportStoppedException("Unknown column: '" + withoutMarkup(text) + "'. Possible columns: "
                            + names.possibleNamesText()));
            resolution.ambiguity().ifPresent(mapping.warnings::add);
            mapping.add(index, text, resolution.target());
        }
        return mapping;
    }

    private void add(int index, String text, ColumnTarget target) throws ImportStoppedException {
        if (target.isId()) {
            fieldCodes.add("id");
            putAttribute("id", index, text);
            return;
        }
        if (target.isRemoteField()) {
            fieldCodes.add(target.path());
            putSearch(target.attCode(), target.remoteCode(), index, text);
            return;
        }
        AttributeDef attribute = modelClass.attribute(target.attCode()).orElseThrow();
        fieldCodes.add(attribute.code());
        AttributeType type = attribute.type();
        switch (type) {
            case EXTERNAL_FIELD -> putSearch(attribute.extKeyAttCode().orElseThrow(),
                    attribute.targetAttCode().orElseThrow(), index, text);
            case EXTERNAL_KEY, HIERARCHICAL_KEY -> {
                putAttribute(attribute.code(), index, text);
                putSearch(attribute.code(), "id", index, null);
            }
            case LINKED_SET -> throw new ImportStoppedException("Column '" + text
                    + "' is a 1:n link set and cannot be imported; import the class "
                    + attribute.linkedClass().orElse("?") + " instead");
            case BLOB, IMAGE -> throw new ImportStoppedException("Column '" + text + "' cannot be imported");
            case FRIENDLY_NAME, FINAL_CLASS -> putAttribute(attribute.code(), index, text);
            default -> {
                if (attribute.isReadOnly()) {
                    readOnlyColumns.add(attribute.code());
                }
                putAttribute(attribute.code(), index, text);
            }
        }
    }

    private void putAttribute(String code, int index, String text) {
        if (attributeColumns.containsKey(code)) {
            warnings.add("Input column '" + text + "' appears more than once. The last one will be used");
        }
        attributeColumns.put(code, index);
        headerTexts.put(code, text);
    }

    private void putSearch(String extKey, String remote, int index, String text) {
        Map<String, Integer> fields = externalKeyColumns.computeIfAbsent(extKey, key -> new LinkedHashMap<>());
        if (fields.containsKey(remote) && text != null) {
            warnings.add("Input column '" + text + "' appears more than once. The last one will be used");
        }
        fields.put(remote, index);
    }

    /**
     * Rejects columns of attributes that are read-only by definition, unless they are used as
     * reconciliation keys (then they only search).
     */
    public void checkReadOnly(Set<String> reconciliationAttributes) throws ImportStoppedException {
        for (String code : readOnlyColumns) {
            if (!reconciliationAttributes.contains(code)) {
                throw new ImportStoppedException("Column '" + headerTexts.get(code) + "' is read-only and cannot be imported");
            }
        }
    }

    static String withoutStars(String text) {
        String result = text.replace("*->", "->");
        return result.endsWith("*") ? result.substring(0, result.length() - 1) : result;
    }

    static String withoutMarkup(String text) {
        return text.replace("\"", "").replace("<", "").replace(">", "");
    }

    public ModelClass modelClass() {
        return modelClass;
    }

    /** Returns {@code id} and attribute codes mapped to their column index, in report order. */
    public Map<String, Integer> attributeColumns() {
        return attributeColumns;
    }

    /** Returns the external keys searched by the header, each with its search fields and columns. */
    public Map<String, Map<String, Integer>> externalKeyColumns() {
        return externalKeyColumns;
    }

    /** Returns the code of each header column ({@code a}, {@code k->r}, {@code id}), for {@code #Columns:}. */
    public List<String> fieldCodes() {
        return fieldCodes;
    }

    public List<String> warnings() {
        return warnings;
    }

    void markLoneCarriageReturn() {
        if (!loneCarriageReturn) {
            loneCarriageReturn = true;
            warnings.add("Input contains CR characters that are not followed by LF; they are not treated as line breaks");
        }
    }
}
