package io.github.itopdata.core.export.internal;

import io.github.itopdata.core.model.AttributeDef;
import io.github.itopdata.core.model.AttributeType;
import io.github.itopdata.core.model.Model;
import io.github.itopdata.core.model.ModelClass;
import io.github.itopdata.core.query.CheckedQuery;
import io.github.itopdata.core.query.FieldPath;
import io.github.itopdata.core.query.FieldRef;
import io.github.itopdata.core.query.Suggestions;
import io.github.itopdata.core.query.internal.FilterCodes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads the {@code fields} argument of a tabular export: {@code [alias.]attcode{->attcode}} items
 * separated by commas, each trimmed, checked against the query's selected aliases and the model.
 * Every invalid item is reported, not only the first.
 */
public final class FieldList {

    /** Header of the {@code id} column in localized mode. */
    static final String ID_LABEL = "id (Primary Key)";
    /** Header of {@code friendlyname} in localized mode. */
    static final String FRIENDLY_NAME_LABEL = "Full name";

    private final FilterCodes codes;
    private final Model model;
    private final CheckedQuery query;
    private final boolean localized;

    public FieldList(FilterCodes codes, CheckedQuery query, boolean localized) {
        this.codes = codes;
        this.model = codes.model();
        this.query = query;
        this.localized = localized;
    }

    /** The columns, or the error lines when at least one item is invalid. */
    public record Result(List<Column> columns, List<String> errors) {
    }

    /** Parses and checks {@code fields}. */
    public Result parse(String fields) {
        List<Column> columns = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        boolean prefixAlias = query.selectedAliases().size() > 1;
        for (String item : fields.split(",", -1)) {
            String spec = item.trim();
            try {
                columns.add(column(spec, prefixAlias));
            } catch (InvalidField e) {
                errors.add(e.getMessage());
            }
        }
        return new Result(columns, errors);
    }

    private Column column(String spec, boolean prefixAlias) {
        int dot = spec.indexOf('.');
        int aliasIndex = 0;
        String path = spec;
        if (dot >= 0) {
            String alias = spec.substring(0, dot);
            aliasIndex = query.selectedAliases().indexOf(alias);
            if (aliasIndex < 0) {
                String available = query.selectedAliases().stream().map(a -> "'" + a + "'").collect(Collectors.joining(", "));
                throw new InvalidField("Invalid alias '" + alias + "' for the column '" + spec + "'. Availables aliases: " + available);
            }
            path = spec.substring(dot + 1);
        }
        String alias = query.selectedAliases().get(aliasIndex);
        ModelClass modelClass = query.selectedClasses().get(aliasIndex);
        List<FieldRef> steps = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        String[] parts = path.split("->", -1);
        for (int i = 0; i < parts.length; i++) {
            String code = parts[i];
            FieldRef ref = find(modelClass, code, spec);
            steps.add(ref);
            labels.add(label(ref));
            if (i < parts.length - 1) {
                if (ref.kind() != FieldRef.Kind.ATTRIBUTE || !ref.attribute().type().isExternalKey()) {
                    throw new InvalidField("Wrong field specification '" + spec + "': " + code + " of class " + modelClass.name()
                            + " is not an external key, so '->' cannot follow it");
                }
                modelClass = model.get(ref.attribute().targetClass().orElseThrow());
            }
        }
        FieldRef leaf = steps.get(steps.size() - 1);
        String header = localized ? String.join("->", labels) : path;
        if (prefixAlias) {
            header = alias + "." + header;
        }
        AttributeDef attribute = leaf.attribute();
        ValueKind kind = ValueKind.of(leaf);
        if (leaf.kind() == FieldRef.Kind.EXTERNAL_FIELD) {
            attribute = model.resolveExternalField(leaf.attribute());
            kind = ValueKind.of(attribute);
        }
        return new Column(spec, header, new FieldPath(aliasIndex, steps), kind, attribute);
    }

    private FieldRef find(ModelClass modelClass, String code, String spec) {
        Optional<FieldRef> ref = codes.find(modelClass, code);
        if (ref.isPresent()) {
            return ref.get();
        }
        Optional<AttributeDef> attribute = modelClass.attribute(code);
        if (attribute.isPresent() && attribute.get().type().isLinkedSet()) {
            throw new InvalidField("Wrong field specification '" + spec + "': linked sets cannot be exported as a column");
        }
        String message = "Wrong field specification '" + spec + "': Unknown attribute " + code + " from class " + modelClass.name();
        String suggestion = code.isEmpty() ? "" : Suggestions.suggest(codes.names(modelClass), code);
        if (!suggestion.isEmpty()) {
            message += "; did you mean '" + suggestion + "'?";
        }
        throw new InvalidField(message);
    }

    /** Returns the localized header part of one step. */
    String label(FieldRef ref) {
        switch (ref.kind()) {
            case ID:
                return ID_LABEL;
            case FRIENDLY_NAME:
                return ref.attribute() != null && !ref.attribute().label().equals(ref.code()) ? ref.attribute().label()
                        : FRIENDLY_NAME_LABEL;
            case KEY_FRIENDLY_NAME:
                return ref.attribute().label();
            case FINAL_CLASS:
                return "Class";
            case OBSOLESCENCE_FLAG:
                return "Obsolete";
            case KEY_FINAL_CLASS:
                return ref.attribute().label() + "->Class";
            case KEY_OBSOLESCENCE_FLAG:
                return ref.attribute().label() + "->Obsolete";
            case EXTERNAL_FIELD:
                return externalFieldLabel(ref.owner(), ref.attribute());
            default:
                return ref.attribute().label();
        }
    }

    /** Returns the label of an external field: its own, else "Key label->Remote label". */
    private String externalFieldLabel(ModelClass owner, AttributeDef field) {
        if (!field.label().equals(field.code())) {
            return field.label();
        }
        AttributeDef key = owner.attribute(field.extKeyAttCode().orElseThrow()).orElseThrow();
        ModelClass target = model.get(key.targetClass().orElseThrow());
        String remote = field.targetAttCode().orElseThrow();
        String remoteLabel = remote.equals("friendlyname") ? FRIENDLY_NAME_LABEL
                : target.attribute(remote).map(AttributeDef::label).orElse(remote);
        return key.label() + "->" + remoteLabel;
    }

    /**
     * Tells whether an attribute may appear in a default column list, which leaves out linked sets
     * and passwords. Blobs and images appear there as their file name.
     */
    static boolean isDefaultColumn(AttributeDef attribute) {
        AttributeType type = attribute.type();
        return !type.isLinkedSet() && type != AttributeType.ONE_WAY_PASSWORD && type != AttributeType.PASSWORD;
    }

    private static final class InvalidField extends RuntimeException {
        InvalidField(String message) {
            super(message, null, false, false);
        }
    }
}
