package io.github.itopdata.core.model.internal;

import io.github.itopdata.core.model.AttributeType;
import io.github.itopdata.core.model.EnumValue;
import io.github.itopdata.core.model.ModelLoadException;
import io.github.itopdata.core.model.OnTargetDelete;
import io.github.itopdata.core.model.internal.ClassSpec.FieldSpec;
import io.github.itopdata.core.model.internal.ClassSpec.RuleSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code <class>} elements of the merged design tree into {@link ClassSpec}s, reporting
 * every element it does not read to the {@link WarningCollector}.
 */
final class ClassReader {

    /** Parent names that stand for iTop's PHP base classes: a class with one of them is a root class. */
    static final Set<String> BASE_CLASSES = Set.of("cmdbAbstractObject", "DBObject");

    private static final Set<String> CLASS_CHILDREN = Set.of("parent", "properties", "fields", "comment");
    private static final Set<String> PROPERTY_CHILDREN = Set.of("category", "abstract", "key_type", "db_table",
            "db_key_field", "db_final_class_field", "naming", "reconciliation", "uniqueness_rules", "obsolescence",
            "is_link", "comment");
    private static final Set<String> COMMON_FIELD_CHILDREN = Set.of("sql", "default_value", "is_null_allowed",
            "read_only");
    private static final Map<AttributeType, Set<String>> TYPE_FIELD_CHILDREN = Map.ofEntries(
            Map.entry(AttributeType.ENUM, Set.of("values")),
            Map.entry(AttributeType.ENUM_SET, Set.of("values")),
            Map.entry(AttributeType.DECIMAL, Set.of("digits", "decimals")),
            Map.entry(AttributeType.STRING, Set.of("validation_pattern")),
            Map.entry(AttributeType.EXTERNAL_KEY, Set.of("target_class", "on_target_delete")),
            Map.entry(AttributeType.HIERARCHICAL_KEY, Set.of("on_target_delete")),
            Map.entry(AttributeType.EXTERNAL_FIELD, Set.of("extkey_attcode", "target_attcode")),
            Map.entry(AttributeType.LINKED_SET, Set.of("linked_class", "ext_key_to_me")),
            Map.entry(AttributeType.LINKED_SET_INDIRECT, Set.of("linked_class", "ext_key_to_me", "ext_key_to_remote")));
    private static final Set<AttributeType> DECLARABLE_COMPUTED = Set.of(AttributeType.FRIENDLY_NAME,
            AttributeType.FINAL_CLASS, AttributeType.OBSOLESCENCE_FLAG);

    private final WarningCollector warnings;

    ClassReader(WarningCollector warnings) {
        this.warnings = warnings;
    }

    /** Reads one class; returns empty (with a warning) for a class that is not a persistent class. */
    Optional<ClassSpec> read(XmlNode node) {
        String name = node.id();
        if (name == null || name.isBlank()) {
            throw new ModelLoadException(node.file(), node.line(), "<class> without an id attribute; give the class name as id");
        }
        Optional<String> parent = node.childText("parent").filter(p -> !p.isEmpty());
        if (parent.isEmpty()) {
            // Elements such as DefaultWorkingTimeComputer declare PHP helpers, not data classes.
            warnings.skip(node, "class without <parent>", "a class without a parent is not a persistent class", name);
            return Optional.empty();
        }
        ClassSpec spec = new ClassSpec(name, node);
        spec.parent = BASE_CLASSES.contains(parent.get()) ? null : parent.get();
        for (XmlNode child : node.children()) {
            switch (child.name()) {
                case "properties" -> readProperties(spec, child);
                case "fields" -> readFields(spec, child);
                default -> {
                    if (!CLASS_CHILDREN.contains(child.name())) {
                        skipElement(child, "class/" + child.name(), classChildReason(child.name()), name);
                    }
                }
            }
        }
        return Optional.of(spec);
    }

    private static String classChildReason(String element) {
        return switch (element) {
            case "lifecycle" -> "lifecycles (states, transitions and state-dependent attribute flags) are not"
                    + " implemented; every attribute is writable in every state";
            case "presentation" -> "presentation only concerns iTop's user interface";
            case "methods" -> "PHP methods cannot run in this engine";
            case "relations" -> "impact relations are not implemented";
            case "event_listeners", "events" -> "event listeners are PHP code, which cannot run in this engine";
            default -> "this element is not supported by the model loader";
        };
    }

    private void readProperties(ClassSpec spec, XmlNode properties) {
        for (XmlNode property : properties.children()) {
            switch (property.name()) {
                case "category" -> spec.category = property.text();
                case "abstract" -> spec.isAbstract = parseBoolean(property);
                case "key_type" -> {
                    if (!property.text().isEmpty() && !property.text().equals("autoincrement")) {
                        warnings.skip(property, "class/properties/key_type " + property.text(),
                                "only autoincrement keys exist; the class uses one", spec.name);
                    }
                }
                case "db_table" -> spec.dbTable = emptyToNull(property.text());
                case "db_key_field" -> spec.dbKeyField = emptyToNull(property.text());
                case "db_final_class_field" -> spec.dbFinalClassField = emptyToNull(property.text());
                case "naming" -> readNaming(spec, property);
                case "reconciliation" -> spec.reconciliation = attributeIds(property);
                case "uniqueness_rules" -> readUniquenessRules(spec, property);
                case "obsolescence" -> spec.obsolescenceCondition =
                        property.childText("condition").map(ClassReader::emptyToNull).orElse(null);
                case "is_link" -> spec.linkFlag = parseBoolean(property);
                default -> {
                    if (!PROPERTY_CHILDREN.contains(property.name())) {
                        skipElement(property, "class/properties/" + property.name(),
                                "this class property is not supported by the model loader", spec.name);
                    }
                }
            }
        }
    }

    private void readNaming(ClassSpec spec, XmlNode naming) {
        for (XmlNode child : naming.children()) {
            if (child.name().equals("attributes")) {
                spec.naming = attributeIds(naming);
            } else {
                skipElement(child, "class/properties/naming/" + child.name(),
                        "only the naming attributes are read; the friendly name joins them with spaces", spec.name);
            }
        }
    }

    private void readUniquenessRules(ClassSpec spec, XmlNode rules) {
        int position = 0;
        for (XmlNode ruleNode : rules.children("rule")) {
            position++;
            // iTop accepts rules without an id; they are named by position so that messages can name them.
            String id = ruleNode.id() != null ? ruleNode.id() : "rule" + position;
            RuleSpec rule = new RuleSpec(id, ruleNode);
            for (XmlNode child : ruleNode.children()) {
                switch (child.name()) {
                    case "attributes" -> rule.attributes = attributeIds(ruleNode);
                    case "filter" -> rule.filter = emptyToNull(child.text());
                    case "is_blocking" -> rule.blocking = parseBoolean(child);
                    case "disabled" -> rule.disabled = parseBoolean(child);
                    default -> skipElement(child, "class/properties/uniqueness_rules/rule/" + child.name(),
                            "this uniqueness rule property is not supported", spec.name + "/" + rule.id);
                }
            }
            spec.uniquenessRules.add(rule);
        }
    }

    private void readFields(ClassSpec spec, XmlNode fields) {
        for (XmlNode field : fields.children()) {
            if (!field.name().equals("field")) {
                skipElement(field, "fields/" + field.name(), "only <field> elements declare attributes", spec.name);
                continue;
            }
            String code = field.id();
            if (code == null || code.isBlank()) {
                throw new ModelLoadException(field.file(), field.line(),
                        "<field> of class " + spec.name + " without an id attribute; give the attribute code as id");
            }
            String xsiType = field.attribute(XmlNode.XSI_TYPE);
            if (xsiType == null) {
                throw new ModelLoadException(field.file(), field.line(), "Attribute " + spec.name + "." + code
                        + " has no xsi:type; give its type, such as xsi:type=\"AttributeString\"");
            }
            Optional<AttributeType> type = AttributeType.fromItopName(xsiType);
            if (type.isEmpty()) {
                warnings.skip(field, "field type " + xsiType, "this attribute type is not supported",
                        spec.name + "." + code);
            } else if (DECLARABLE_COMPUTED.contains(type.get())) {
                warnings.skip(field, "field type " + xsiType, "the loader adds this computed attribute itself",
                        spec.name + "." + code);
            } else {
                spec.fields.add(readField(spec, field, code, type.get()));
            }
        }
    }

    private FieldSpec readField(ClassSpec spec, XmlNode field, String code, AttributeType type) {
        FieldSpec result = new FieldSpec(code, type, field);
        Set<String> typeChildren = TYPE_FIELD_CHILDREN.getOrDefault(type, Set.of());
        for (XmlNode child : field.children()) {
            String element = child.name();
            if (!COMMON_FIELD_CHILDREN.contains(element) && !typeChildren.contains(element)) {
                skipElement(child, "field/" + element, "this attribute property is not supported by the model loader",
                        spec.name + "." + code);
                continue;
            }
            switch (element) {
                case "sql" -> result.sqlColumn = emptyToNull(child.text());
                case "default_value" -> result.defaultValue = emptyToNull(child.text());
                case "is_null_allowed" -> result.nullable = parseBoolean(child);
                case "read_only" -> result.readOnly = parseBoolean(child);
                case "values" -> result.enumValues = readEnumValues(spec, code, child);
                case "digits" -> result.digits = parseInt(child);
                case "decimals" -> result.decimals = parseInt(child);
                case "validation_pattern" -> result.validationPattern = emptyToNull(child.text());
                case "target_class" -> result.targetClass = emptyToNull(child.text());
                case "on_target_delete" -> result.onTargetDelete = parseOnTargetDelete(child);
                case "extkey_attcode" -> result.extKeyAttCode = emptyToNull(child.text());
                case "target_attcode" -> result.targetAttCode = emptyToNull(child.text());
                case "linked_class" -> result.linkedClass = emptyToNull(child.text());
                case "ext_key_to_me" -> result.extKeyToMe = emptyToNull(child.text());
                case "ext_key_to_remote" -> result.extKeyToRemote = emptyToNull(child.text());
                default -> throw new IllegalStateException("Unhandled field element " + element);
            }
        }
        if (type == AttributeType.HIERARCHICAL_KEY) {
            result.targetClass = spec.name;
        }
        requireReference(spec, result, type == AttributeType.EXTERNAL_KEY, "target_class", result.targetClass);
        requireReference(spec, result, type == AttributeType.EXTERNAL_FIELD, "extkey_attcode", result.extKeyAttCode);
        requireReference(spec, result, type == AttributeType.EXTERNAL_FIELD, "target_attcode", result.targetAttCode);
        requireReference(spec, result, type.isLinkedSet(), "linked_class", result.linkedClass);
        requireReference(spec, result, type.isLinkedSet(), "ext_key_to_me", result.extKeyToMe);
        requireReference(spec, result, type == AttributeType.LINKED_SET_INDIRECT, "ext_key_to_remote",
                result.extKeyToRemote);
        return result;
    }

    private static void requireReference(ClassSpec spec, FieldSpec field, boolean required, String element, String value) {
        if (required && value == null) {
            throw new ModelLoadException(field.node.file(), field.node.line(), "Attribute " + spec.name + "."
                    + field.code + " (" + field.type.itopName() + ") has no <" + element + ">; add it");
        }
    }

    private List<EnumValue> readEnumValues(ClassSpec spec, String code, XmlNode values) {
        List<EnumValue> result = new ArrayList<>();
        for (XmlNode value : values.children()) {
            if (!value.name().equals("value")) {
                skipElement(value, "field/values/" + value.name(), "only <value> elements list enum values",
                        spec.name + "." + code);
                continue;
            }
            // Two layouts exist: <value id="x"><code>x</code>...</value> and the older <value>x</value>.
            String valueCode = value.child("code").map(XmlNode::text).orElse(value.children().isEmpty() ? value.text() : value.id());
            if (valueCode == null || valueCode.isEmpty()) {
                throw new ModelLoadException(value.file(), value.line(),
                        "Enum value of " + spec.name + "." + code + " without a code; write <code>...</code>");
            }
            for (XmlNode child : value.children()) {
                if (!child.name().equals("code")) {
                    skipElement(child, "field/values/value/" + child.name(),
                            "enum value properties other than the code concern iTop's user interface",
                            spec.name + "." + code);
                }
            }
            result.add(new EnumValue(valueCode, valueCode));
        }
        return result;
    }

    /**
     * Reports a skipped element once for its own file and once more for each other file that
     * contributed to its content through a merge.
     */
    void skipElement(XmlNode node, String subject, String reason, String example) {
        if (isEmpty(node)) {
            return;
        }
        warnings.skip(node, subject, reason, example);
        reportOtherFiles(node, node.file(), subject, reason, example);
    }

    private void reportOtherFiles(XmlNode node, String file, String subject, String reason, String example) {
        for (XmlNode child : node.children()) {
            if (!child.file().equals(file)) {
                warnings.skip(child, subject, reason, example);
                reportOtherFiles(child, child.file(), subject, reason, example);
            } else {
                reportOtherFiles(child, file, subject, reason, example);
            }
        }
    }

    /** Tells whether an element carries nothing at all, such as {@code <methods/>}. */
    private static boolean isEmpty(XmlNode node) {
        return node.children().isEmpty() && node.text().isEmpty()
                && node.attributes().keySet().stream().allMatch(a -> a.equals(XmlNode.DELTA));
    }

    private static List<String> attributeIds(XmlNode parent) {
        return parent.child("attributes").map(list -> list.children("attribute").stream()
                .map(XmlNode::id).filter(id -> id != null && !id.isEmpty()).toList()).orElse(List.of());
    }

    static boolean parseBoolean(XmlNode node) {
        return switch (node.text().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no", "" -> false;
            default -> throw new ModelLoadException(node.file(), node.line(), "<" + node.name() + "> is \""
                    + node.text() + "\", which is not a boolean; write true or false");
        };
    }

    private static int parseInt(XmlNode node) {
        try {
            return Integer.parseInt(node.text());
        } catch (NumberFormatException e) {
            throw new ModelLoadException(node.file(), node.line(), "<" + node.name() + "> is \"" + node.text()
                    + "\", which is not a whole number", e);
        }
    }

    private static OnTargetDelete parseOnTargetDelete(XmlNode node) {
        try {
            return node.text().isEmpty() ? null : OnTargetDelete.valueOf(node.text());
        } catch (IllegalArgumentException e) {
            throw new ModelLoadException(node.file(), node.line(), "<on_target_delete> is \"" + node.text()
                    + "\"; expected one of " + Arrays.toString(OnTargetDelete.values()), e);
        }
    }

    private static String emptyToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }
}
