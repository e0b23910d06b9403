package io.github.itopdata.core.imports.internal;

import io.github.itopdata.core.model.AttributeDef;
import io.github.itopdata.core.model.AttributeType;
import io.github.itopdata.core.model.ModelClass;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The keys that find the existing object of a row: {@code id}, scalar attributes, or external
 * keys (searched through every header column of the key), in order of first appearance.
 */
public final class ReconciliationScheme {

    private final Map<String, List<String>> keys = new LinkedHashMap<>();
    private final List<String> warnings = new ArrayList<>();
    private final Set<String> itemAttributes = new LinkedHashSet<>();

    private ReconciliationScheme() {
    }

    /**
     * Resolves the keys: the given items, or the class's declared keys present as columns.
     *
     * @throws ImportStoppedException on an unknown item, an item without a column, or no usable key
     */
    public static ReconciliationScheme resolve(ModelClass modelClass, ColumnNames names, HeaderMapping header,
            List<String> items) throws ImportStoppedException {
        ReconciliationScheme scheme = new ReconciliationScheme();
        if (items.isEmpty()) {
            scheme.addDefaults(modelClass, header);
            if (scheme.keys.isEmpty()) {
                throw new ImportStoppedException("No reconciliation scheme could be defined, please add a column "
                        + "corresponding to one defined reconciliation key (class: '" + modelClass.name()
                        + "', reconciliation:" + String.join(",", modelClass.reconciliationKeys()) + ")");
            }
            return scheme;
        }
        for (String item : items) {
            ColumnNames.Resolution resolution = names.resolve(HeaderMapping.withoutStars(item), "Reconciliation key")
                    .orElseThrow(() -> new ImportStoppedException(
                            "Unknown reconciliation key: '" + HeaderMapping.withoutMarkup(item) + "'"));
            resolution.ambiguity().ifPresent(scheme.warnings::add);
            scheme.addItem(modelClass, header, resolution.target());
        }
        return scheme;
    }

    private void addItem(ModelClass modelClass, HeaderMapping header, ColumnTarget target)
            throws ImportStoppedException {
        ImportStoppedException notFound = new ImportStoppedException(
                "Reconciliation key not found in the input columns: '" + target.path() + "'");
        if (target.isId()) {
            if (!header.attributeColumns().containsKey("id")) {
                throw notFound;
            }
            add("id", null);
            return;
        }
        if (target.isRemoteField()) {
            Map<String, Integer> fields = header.externalKeyColumns().get(target.attCode());
            if (fields == null || !fields.containsKey(target.remoteCode())) {
                throw notFound;
            }
            add(target.attCode(), target.remoteCode());
            return;
        }
        AttributeDef attribute = modelClass.attribute(target.attCode()).orElseThrow();
        itemAttributes.add(attribute.code());
        if (attribute.type().isExternalKey()) {
            if (!header.externalKeyColumns().containsKey(attribute.code())) {
                throw notFound;
            }
            add(attribute.code(), "id");
        } else if (attribute.type() == AttributeType.EXTERNAL_FIELD) {
            if (!header.fieldCodes().contains(attribute.code())) {
                throw notFound;
            }
            String key = attribute.extKeyAttCode().orElseThrow();
            add(key, key + " (" + attribute.code() + ")");
        } else {
            if (!header.attributeColumns().containsKey(attribute.code())) {
                throw notFound;
            }
            add(attribute.code(), null);
        }
    }

    private void addDefaults(ModelClass modelClass, HeaderMapping header) {
        for (String code : modelClass.reconciliationKeys()) {
            Optional<AttributeDef> found = modelClass.attribute(code);
            if (found.isEmpty()) {
                continue;
            }
            AttributeDef attribute = found.get();
            if (attribute.type() == AttributeType.EXTERNAL_FIELD) {
                if (header.fieldCodes().contains(code)) {
                    String key = attribute.extKeyAttCode().orElseThrow();
                    add(key, key + " (" + code + ")");
                }
            } else if (header.attributeColumns().containsKey(code)) {
                add(code, attribute.type().isExternalKey() ? "id" : null);
            }
        }
    }

    private void add(String key, String detail) {
        List<String> details = keys.computeIfAbsent(key, k -> new ArrayList<>());
        if (detail != null && !details.contains(detail)) {
            details.add(detail);
        }
    }

    /** Returns the final keys ({@code id}, attribute or external key codes), in order. */
    public List<String> keys() {
        return List.copyOf(keys.keySet());
    }

    /** Returns the attribute codes named by the items, for the read-only column check. */
    public Set<String> itemAttributes() {
        Set<String> all = new LinkedHashSet<>(itemAttributes);
        all.addAll(keys.keySet());
        return all;
    }

    public List<String> warnings() {
        return warnings;
    }

    /** Returns the {@code #Reconciliation Keys:} text, such as {@code name, org_id (name)}. */
    public String reportText() {
        List<String> parts = new ArrayList<>();
        keys.forEach((key, details) -> parts.add(details.isEmpty() ? key : key + " (" + String.join(",", details) + ")"));
        return String.join(", ", parts);
    }
}
