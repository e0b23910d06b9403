package io.github.itopdata.core.export.internal;

import io.github.itopdata.core.export.ExportException;
import io.github.itopdata.core.model.AttributeDef;
import io.github.itopdata.core.model.AttributeType;
import io.github.itopdata.core.model.Model;
import io.github.itopdata.core.model.ModelClass;
import io.github.itopdata.core.query.CheckedQuery;
import io.github.itopdata.core.query.FieldPath;
import io.github.itopdata.core.query.FieldRef;
import io.github.itopdata.core.query.internal.FilterCodes;
import io.github.itopdata.core.store.SchemaMapping;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides the columns of an export: the {@code fields} list (or the legacy default list), the
 * extra values html links need, and the children of each class in xml.
 */
public final class ColumnPlanner {

    /** Codes of the values each external key brings, as {@code <key><suffix>}, in the order the legacy export lists them. */
    private static final List<String> IMPLICIT_KEY_SUFFIXES = List.of("_friendlyname", "_finalclass_recall", "_obsolescence_flag");

    private final FilterCodes codes;
    private final Model model;
    private final CheckedQuery query;
    private final boolean localized;
    private final boolean legacy;

    public ColumnPlanner(FilterCodes codes, CheckedQuery query, boolean localized, boolean legacy) {
        this.codes = codes;
        this.model = codes.model();
        this.query = query;
        this.localized = localized;
        this.legacy = legacy;
    }

    /**
     * Returns the columns of {@code fields}; empty {@code fields} gives the legacy default list
     * in legacy mode and {@code Missing parameter: fields} otherwise.
     *
     * @throws ExportException listing every invalid field
     */
    public List<Column> columns(String fields) {
        return columns(fields, false);
    }

    /**
     * Returns the columns of {@code fields}, as {@link #columns(String)} does. With {@code advanced}
     * the legacy default list also has a leading id column, and each external key at its place in
     * model order followed by one column per reconciliation key of its target class.
     *
     * @throws ExportException listing every invalid field
     */
    public List<Column> columns(String fields, boolean advanced) {
        if (fields == null || fields.isBlank()) {
            if (!legacy) {
                throw new ExportException(ExportException.Reason.INVALID_REQUEST, List.of("Missing parameter: fields"), true, null);
            }
            return legacyDefaultColumns(advanced);
        }
        if (legacy) {
            return legacyColumns(fields);
        }
        FieldList.Result result = new FieldList(codes, query, localized).parse(fields);
        if (!result.errors().isEmpty()) {
            throw new ExportException(ExportException.Reason.INVALID_REQUEST, result.errors(), false, null);
        }
        return result.columns();
    }

    /** Legacy lists take plain attribute codes only (no {@code id}, no {@code ->}) and follow the model's order. */
    private List<Column> legacyColumns(String fields) {
        ModelClass modelClass = query.mainClass();
        List<String> errors = new ArrayList<>();
        List<String> accepted = new ArrayList<>();
        for (String item : fields.split(",", -1)) {
            String code = item.trim();
            int dot = code.indexOf('.');
            String plain = dot >= 0 ? code.substring(dot + 1) : code;
            if (plain.equals("id") || plain.contains("->") || codes.find(modelClass, plain).isEmpty()) {
                errors.add("Invalid field specification " + code + ": " + code + " is not a valid attribute for " + modelClass.name());
            } else {
                accepted.add(plain);
            }
        }
        if (!errors.isEmpty()) {
            throw new ExportException(ExportException.Reason.INVALID_REQUEST, errors, false, null);
        }
        List<String> order = new ArrayList<>(codes.names(modelClass));
        accepted.sort(Comparator.comparingInt(order::indexOf));
        FieldList.Result result = new FieldList(codes, query, true).parse(String.join(",", accepted));
        return withoutAliasPrefix(result.columns());
    }

    /**
     * Returns the legacy default list. It starts with the attributes in model order, leaving out
     * external keys, linked sets and passwords, with external fields labelled "Key->Remote" and
     * documents shown as their file name. Then come, for each key in turn, its friendly name,
     * final class and obsolescence flag. The advanced list adds the id column, headed {@code id},
     * and the external keys with their reconciliation keys as "Key->Remote" columns.
     */
    private List<Column> legacyDefaultColumns(boolean advanced) {
        ModelClass modelClass = query.mainClass();
        List<String> specs = new ArrayList<>();
        List<String> keyCodes = new ArrayList<>();
        if (advanced) {
            specs.add("id");
        }
        for (AttributeDef attribute : modelClass.allAttributes()) {
            if (attribute.type().isExternalKey()) {
                keyCodes.add(attribute.code());
                if (advanced) {
                    specs.add(attribute.code());
                    specs.addAll(reconciliationSpecs(attribute));
                }
            } else if (isImplicitKeyField(attribute)) {
                continue;
            } else if (FieldList.isDefaultColumn(attribute) && !attribute.isComputed()
                    || attribute.type() == AttributeType.EXTERNAL_FIELD) {
                specs.add(attribute.code());
            }
        }
        for (String key : keyCodes) {
            for (String suffix : IMPLICIT_KEY_SUFFIXES) {
                if (codes.find(modelClass, key + suffix).isPresent()) {
                    specs.add(key + suffix);
                }
            }
        }
        FieldList.Result result = new FieldList(codes, query, true).parse(String.join(",", specs));
        List<Column> columns = new ArrayList<>();
        for (Column column : withoutAliasPrefix(result.columns())) {
            FieldRef leaf = column.path().leaf();
            String header = column.header();
            boolean direct = column.path().steps().size() == 1;
            if (leaf.kind() == FieldRef.Kind.ID && direct) {
                header = "id";
            } else if (leaf.kind() == FieldRef.Kind.EXTERNAL_FIELD && direct) {
                AttributeDef key = modelClass.attribute(leaf.attribute().extKeyAttCode().orElseThrow()).orElseThrow();
                ModelClass target = model.get(key.targetClass().orElseThrow());
                String remote = leaf.attribute().targetAttCode().orElseThrow();
                header = key.label() + "->" + target.attribute(remote).map(AttributeDef::label).orElse(remote);
            } else if (leaf.kind() == FieldRef.Kind.KEY_FRIENDLY_NAME && direct) {
                header = leaf.attribute().label() + "->" + FieldList.FRIENDLY_NAME_LABEL;
            }
            columns.add(new Column(column.spec(), header, column.path(), column.kind(), column.attribute()));
        }
        return columns;
    }

    /** Returns {@code key->code} for each reconciliation key of the key's target class that can be read. */
    private List<String> reconciliationSpecs(AttributeDef key) {
        ModelClass target = model.get(key.targetClass().orElseThrow());
        List<String> specs = new ArrayList<>();
        for (String code : target.reconciliationKeys()) {
            if (codes.find(target, code).isPresent()) {
                specs.add(key.code() + "->" + code);
            }
        }
        return specs;
    }

    /**
     * Tells whether an attribute is one of the values every external key brings, such as
     * {@code <key>_friendlyname}, which the model loader declares as external fields.
     */
    private static boolean isImplicitKeyField(AttributeDef attribute) {
        if (attribute.type() != AttributeType.EXTERNAL_FIELD || attribute.extKeyAttCode().isEmpty()) {
            return false;
        }
        String key = attribute.extKeyAttCode().get();
        return IMPLICIT_KEY_SUFFIXES.stream().anyMatch(suffix -> attribute.code().equals(key + suffix));
    }

    private List<Column> withoutAliasPrefix(List<Column> columns) {
        if (query.selectedAliases().size() == 1) {
            return columns;
        }
        List<Column> plain = new ArrayList<>();
        for (Column column : columns) {
            String header = column.header().substring(column.header().indexOf('.') + 1);
            plain.add(new Column(column.spec(), header, column.path(), column.kind(), column.attribute()));
        }
        return plain;
    }

    /**
     * Adds to {@code paths} the friendly names that html links show, and returns each column's
     * link (null for columns shown as text).
     */
    public List<HtmlWriter.Link> htmlLinks(List<Column> columns, List<FieldPath> paths) {
        List<HtmlWriter.Link> links = new ArrayList<>();
        for (Column column : columns) {
            FieldRef leaf = column.path().leaf();
            List<FieldRef> prefix = column.path().steps().subList(0, column.path().steps().size() - 1);
            if (leaf.kind() == FieldRef.Kind.ID) {
                List<FieldRef> steps = new ArrayList<>(prefix);
                steps.add(new FieldRef(leaf.owner(), "friendlyname", FieldRef.Kind.FRIENDLY_NAME, null));
                paths.add(new FieldPath(column.path().aliasIndex(), steps));
                links.add(new HtmlWriter.Link(paths.size() - 1, prefix.isEmpty() ? null : leaf.owner().name()));
            } else if (leaf.kind() == FieldRef.Kind.ATTRIBUTE && leaf.attribute().type().isExternalKey()) {
                List<FieldRef> steps = new ArrayList<>(prefix);
                steps.add(new FieldRef(leaf.owner(), leaf.code() + "_friendlyname", FieldRef.Kind.KEY_FRIENDLY_NAME, leaf.attribute()));
                paths.add(new FieldPath(column.path().aliasIndex(), steps));
                links.add(new HtmlWriter.Link(paths.size() - 1, leaf.attribute().targetClass().orElseThrow()));
            } else {
                links.add(null);
            }
        }
        return links;
    }

    /**
     * Adds to {@code paths} every value xml prints and returns, per selected alias, the children
     * of each class its objects may have: attributes in model order, each external key followed
     * by its friendly name, the external fields read through it and its obsolescence flag, then
     * the object's friendly name and obsolescence flag. The legacy layout keeps only the writable
     * attributes that are not linked sets, in model order.
     */
    public List<Map<String, List<XmlWriter.XmlField>>> xmlLayouts(List<FieldPath> paths, SchemaMapping mapping) {
        List<Map<String, List<XmlWriter.XmlField>>> layouts = new ArrayList<>();
        for (int a = 0; a < query.selectedAliases().size(); a++) {
            ModelClass declared = query.selectedClasses().get(a);
            Map<String, Integer> indexByCode = new HashMap<>();
            Map<String, List<XmlWriter.XmlField>> byClass = new LinkedHashMap<>();
            List<ModelClass> classes = new ArrayList<>();
            classes.add(declared);
            classes.addAll(model.descendants(declared.name()));
            for (ModelClass modelClass : classes) {
                List<XmlWriter.XmlField> fields = new ArrayList<>();
                for (String code : xmlCodes(modelClass)) {
                    FieldRef ref = codes.find(modelClass, code).orElseThrow();
                    Integer index = indexByCode.get(code);
                    if (index == null) {
                        paths.add(new FieldPath(a, List.of(ref)));
                        index = paths.size() - 1;
                        indexByCode.put(code, index);
                    }
                    AttributeDef attribute = ref.kind() == FieldRef.Kind.EXTERNAL_FIELD
                            ? model.resolveExternalField(ref.attribute()) : ref.attribute();
                    ValueKind kind = attribute == null || ref.kind() != FieldRef.Kind.ATTRIBUTE && ref.kind() != FieldRef.Kind.EXTERNAL_FIELD
                            ? ValueKind.of(ref) : ValueKind.of(attribute);
                    fields.add(new XmlWriter.XmlField(code, index, kind, attribute));
                }
                byClass.put(modelClass.name(), fields);
            }
            layouts.add(byClass);
        }
        return layouts;
    }

    private List<String> xmlCodes(ModelClass modelClass) {
        if (legacy) {
            return legacyXmlCodes(modelClass);
        }
        Map<String, FieldRef> all = codes.of(modelClass);
        java.util.Set<String> ordered = new java.util.LinkedHashSet<>();
        for (AttributeDef attribute : modelClass.allAttributes()) {
            if (attribute.type().isLinkedSet() || attribute.isComputed()) {
                continue;
            }
            ordered.add(attribute.code());
            if (attribute.type().isExternalKey()) {
                String key = attribute.code();
                ordered.add(key + "_friendlyname");
                for (AttributeDef field : modelClass.allAttributes()) {
                    if (field.type() == io.github.itopdata.core.model.AttributeType.EXTERNAL_FIELD
                            && field.extKeyAttCode().orElse("").equals(key)) {
                        ordered.add(field.code());
                    }
                }
                if (all.containsKey(key + "_obsolescence_flag")) {
                    ordered.add(key + "_obsolescence_flag");
                }
            }
        }
        ordered.add("friendlyname");
        if (all.containsKey("obsolescence_flag")) {
            ordered.add("obsolescence_flag");
        }
        return new ArrayList<>(ordered);
    }

    /** Returns the codes of the writable attributes that are not linked sets, so no external field or friendly name. */
    private static List<String> legacyXmlCodes(ModelClass modelClass) {
        List<String> ordered = new ArrayList<>();
        for (AttributeDef attribute : modelClass.allAttributes()) {
            if (!attribute.type().isLinkedSet() && !attribute.isReadOnly()) {
                ordered.add(attribute.code());
            }
        }
        return ordered;
    }
}
