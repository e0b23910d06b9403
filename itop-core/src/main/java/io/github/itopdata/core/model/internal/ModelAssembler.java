package io.github.itopdata.core.model.internal;

import io.github.itopdata.core.model.AttributeDef;
import io.github.itopdata.core.model.AttributeType;
import io.github.itopdata.core.model.EnumValue;
import io.github.itopdata.core.model.Model;
import io.github.itopdata.core.model.ModelClass;
import io.github.itopdata.core.model.ModelLoadException;
import io.github.itopdata.core.model.UniquenessRule;
import io.github.itopdata.core.model.internal.ClassSpec.FieldSpec;
import io.github.itopdata.core.model.internal.ClassSpec.RuleSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns class specs into the immutable model: drops classes and attributes whose references
 * lead outside the model (with a warning), applies inheritance, adds the computed attributes and
 * the labels.
 */
final class ModelAssembler {

    static final String FRIENDLY_NAME = "friendlyname";
    static final String FINAL_CLASS = "finalclass";
    static final String OBSOLESCENCE_FLAG = "obsolescence_flag";
    static final String FRIENDLY_NAME_LABEL = "Full name";
    static final String OBSOLESCENCE_FLAG_LABEL = "Obsolete";

    private final Map<String, ClassSpec> specs = new LinkedHashMap<>();
    private final Dictionary dictionary;
    private final WarningCollector warnings;
    private final Map<String, List<String>> children = new LinkedHashMap<>();

    ModelAssembler(List<ClassSpec> classSpecs, Dictionary dictionary, WarningCollector warnings) {
        for (ClassSpec spec : classSpecs) {
            specs.put(spec.name, spec);
        }
        this.dictionary = dictionary;
        this.warnings = warnings;
    }

    Model assemble() {
        dropClassesWithoutParent();
        List<ClassSpec> ordered = parentsFirst();
        for (ClassSpec spec : ordered) {
            children.computeIfAbsent(spec.name, n -> new ArrayList<>());
            if (spec.parent != null) {
                children.computeIfAbsent(spec.parent, n -> new ArrayList<>()).add(spec.name);
            }
        }
        dropRedeclaredAttributes(ordered);
        dropDanglingAttributes(ordered);

        Set<String> linkClasses = new HashSet<>();
        for (ClassSpec spec : ordered) {
            spec.fields.stream().filter(f -> f.type == AttributeType.LINKED_SET_INDIRECT)
                    .forEach(f -> linkClasses.add(f.linkedClass));
        }
        Map<String, ModelClass> built = new LinkedHashMap<>();
        for (ClassSpec spec : ordered) {
            built.put(spec.name, buildClass(spec, built, linkClasses.contains(spec.name)));
        }
        List<ModelClass> inDefinitionOrder = new ArrayList<>();
        for (String name : specs.keySet()) {
            if (built.containsKey(name)) {
                inDefinitionOrder.add(built.get(name));
            }
        }
        return new Model(inDefinitionOrder);
    }

    private void dropClassesWithoutParent() {
        boolean changed = true;
        while (changed) {
            changed = false;
            for (ClassSpec spec : List.copyOf(specs.values())) {
                if (spec.parent != null && !specs.containsKey(spec.parent)) {
                    warnings.skip(spec.node, "class whose parent is not in the model",
                            "its parent class is neither loaded nor one of iTop's base classes "
                                    + ClassReader.BASE_CLASSES, spec.name + " (parent " + spec.parent + ")");
                    specs.remove(spec.name);
                    changed = true;
                }
            }
        }
    }

    private List<ClassSpec> parentsFirst() {
        List<ClassSpec> ordered = new ArrayList<>();
        Set<String> placed = new HashSet<>();
        for (ClassSpec spec : specs.values()) {
            List<ClassSpec> chain = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            ClassSpec current = spec;
            while (current != null && !placed.contains(current.name)) {
                if (!seen.add(current.name)) {
                    throw new ModelLoadException(current.node.file(), current.node.line(), "Class " + current.name
                            + " is its own ancestor through <parent>; break the loop");
                }
                chain.add(0, current);
                current = current.parent == null ? null : specs.get(current.parent);
            }
            for (ClassSpec link : chain) {
                placed.add(link.name);
                ordered.add(link);
            }
        }
        return ordered;
    }

    private void dropRedeclaredAttributes(List<ClassSpec> ordered) {
        for (ClassSpec spec : ordered) {
            Set<String> inherited = new HashSet<>();
            for (ClassSpec ancestor = parentOf(spec); ancestor != null; ancestor = parentOf(ancestor)) {
                ancestor.fields.forEach(f -> inherited.add(f.code));
            }
            spec.fields.removeIf(field -> {
                if (inherited.contains(field.code)) {
                    warnings.skip(field.node, "attribute declared again in a subclass",
                            "an attribute code is unique along a class hierarchy; the ancestor's attribute is kept",
                            spec.name + "." + field.code);
                    return true;
                }
                return false;
            });
        }
    }

    /** Removes attributes whose class or key references lead nowhere, until none is left. */
    private void dropDanglingAttributes(List<ClassSpec> ordered) {
        boolean changed = true;
        while (changed) {
            changed = false;
            for (ClassSpec spec : ordered) {
                for (FieldSpec field : List.copyOf(spec.fields)) {
                    Optional<String> problem = danglingReference(spec, field);
                    if (problem.isPresent()) {
                        warnings.skip(field.node, "attribute referring to something not in the model",
                                "the attribute is skipped because what it refers to was not loaded",
                                spec.name + "." + field.code + " (" + problem.get() + ")");
                        spec.fields.remove(field);
                        changed = true;
                    }
                }
            }
        }
    }

    private Optional<String> danglingReference(ClassSpec spec, FieldSpec field) {
        switch (field.type) {
            case EXTERNAL_KEY:
                return specs.containsKey(field.targetClass) ? Optional.empty()
                        : Optional.of("class " + field.targetClass);
            case EXTERNAL_FIELD: {
                Optional<FieldSpec> key = findField(spec, field.extKeyAttCode).filter(k -> k.type.isExternalKey());
                if (key.isEmpty()) {
                    return Optional.of("external key " + field.extKeyAttCode);
                }
                field.targetClass = key.get().targetClass;
                ClassSpec target = specs.get(field.targetClass);
                return hasAttributeCode(target, field.targetAttCode) ? Optional.empty()
                        : Optional.of("attribute " + field.targetClass + "." + field.targetAttCode);
            }
            case LINKED_SET:
            case LINKED_SET_INDIRECT: {
                ClassSpec linked = specs.get(field.linkedClass);
                if (linked == null) {
                    return Optional.of("class " + field.linkedClass);
                }
                if (findField(linked, field.extKeyToMe).filter(k -> k.type.isExternalKey()).isEmpty()) {
                    return Optional.of("external key " + field.linkedClass + "." + field.extKeyToMe);
                }
                if (field.type == AttributeType.LINKED_SET_INDIRECT
                        && findField(linked, field.extKeyToRemote).filter(k -> k.type.isExternalKey()).isEmpty()) {
                    return Optional.of("external key " + field.linkedClass + "." + field.extKeyToRemote);
                }
                return Optional.empty();
            }
            default:
                return Optional.empty();
        }
    }

    private ClassSpec parentOf(ClassSpec spec) {
        return spec.parent == null ? null : specs.get(spec.parent);
    }

    private Optional<FieldSpec> findField(ClassSpec spec, String code) {
        for (ClassSpec current = spec; current != null; current = parentOf(current)) {
            for (FieldSpec field : current.fields) {
                if (field.code.equals(code)) {
                    return Optional.of(field);
                }
            }
        }
        return Optional.empty();
    }

    /** Tells whether a class has an attribute, declared, inherited or computed, with this code. */
    private boolean hasAttributeCode(ClassSpec spec, String code) {
        if (findField(spec, code).isPresent() || code.equals(FRIENDLY_NAME) || code.equals("id")) {
            return true;
        }
        if (code.equals(FINAL_CLASS)) {
            return isInHierarchy(spec);
        }
        if (code.equals(OBSOLESCENCE_FLAG)) {
            return obsolescenceCondition(spec) != null;
        }
        for (String suffix : List.of("_friendlyname", "_finalclass_recall", "_obsolescence_flag")) {
            if (code.endsWith(suffix)) {
                String keyCode = code.substring(0, code.length() - suffix.length());
                Optional<FieldSpec> key = findField(spec, keyCode).filter(k -> k.type.isExternalKey());
                if (key.isPresent()) {
                    return hasAttributeCode(specs.get(key.get().targetClass), suffix.substring(1));
                }
            }
        }
        return false;
    }

    private boolean isInHierarchy(ClassSpec spec) {
        ClassSpec root = spec;
        while (parentOf(root) != null) {
            root = parentOf(root);
        }
        return !children.getOrDefault(root.name, List.of()).isEmpty();
    }

    private boolean hasSubclasses(String className) {
        return !children.getOrDefault(className, List.of()).isEmpty();
    }

    private String obsolescenceCondition(ClassSpec spec) {
        for (ClassSpec current = spec; current != null; current = parentOf(current)) {
            if (current.obsolescenceCondition != null) {
                return current.obsolescenceCondition;
            }
        }
        return null;
    }

    private ModelClass buildClass(ClassSpec spec, Map<String, ModelClass> built, boolean usedAsLink) {
        ModelClass parent = spec.parent == null ? null : built.get(spec.parent);
        List<AttributeDef> own = new ArrayList<>();
        for (FieldSpec field : spec.fields) {
            own.add(declaredAttribute(spec, field));
        }
        own.addAll(computedAttributes(spec, own));

        List<AttributeDef> all = new ArrayList<>();
        if (parent != null) {
            parent.allAttributes().forEach(inherited -> all.add(relabelled(spec.name, inherited)));
        }
        for (AttributeDef attribute : own) {
            int index = indexOf(all, attribute.code());
            if (index >= 0) {
                all.set(index, attribute);
            } else {
                all.add(attribute);
            }
        }
        Set<String> codes = new HashSet<>();
        all.forEach(a -> codes.add(a.code()));

        List<String> reconciliation = spec.reconciliation != null ? spec.reconciliation
                : parent == null ? List.of() : parent.reconciliationKeys();
        List<String> naming = spec.naming != null ? spec.naming
                : parent == null ? List.of() : parent.namingAttributes();
        return ModelClass.builder(spec.name)
                .parent(spec.parent)
                .isAbstract(spec.isAbstract)
                .label(dictionary.classLabel(spec.name).orElse(spec.name))
                .category(spec.category)
                .dbTable(spec.dbTable)
                .dbKeyField(spec.dbKeyField)
                .dbFinalClassField(spec.dbFinalClassField)
                .link(spec.linkFlag || usedAsLink)
                .ownAttributes(own)
                .allAttributes(all)
                .reconciliationKeys(knownCodes(spec, "reconciliation attribute", reconciliation, codes))
                .namingAttributes(knownCodes(spec, "naming attribute", naming, codes))
                .uniquenessRules(uniquenessRules(spec, parent, codes))
                .obsolescenceCondition(obsolescenceCondition(spec))
                .build();
    }

    /**
     * Returns an inherited attribute with the labels a subclass gives it, if any: iTop's
     * dictionaries may label an attribute differently in a subclass (Contact's {@code name} is
     * "Name", Person's is "Last Name").
     */
    private AttributeDef relabelled(String className, AttributeDef inherited) {
        Optional<String> label = dictionary.attributeLabel(className, inherited.code());
        boolean valuesRelabelled = inherited.enumValues().stream()
                .anyMatch(v -> dictionary.valueLabel(className, inherited.code(), v.code()).isPresent());
        if (label.isEmpty() && !valuesRelabelled) {
            return inherited;
        }
        List<EnumValue> values = inherited.enumValues().stream()
                .map(v -> new EnumValue(v.code(), dictionary.valueLabel(className, inherited.code(), v.code()).orElse(v.label())))
                .toList();
        return inherited.toBuilder().label(label.orElse(inherited.label())).enumValues(values).build();
    }

    private static int indexOf(List<AttributeDef> attributes, String code) {
        for (int i = 0; i < attributes.size(); i++) {
            if (attributes.get(i).code().equals(code)) {
                return i;
            }
        }
        return -1;
    }

    private AttributeDef declaredAttribute(ClassSpec spec, FieldSpec field) {
        List<EnumValue> values = field.enumValues.stream()
                .map(v -> new EnumValue(v.code(), dictionary.valueLabel(spec.name, field.code, v.code()).orElse(v.code())))
                .toList();
        String column = null;
        if (!field.type.isLinkedSet() && !field.type.isComputed()) {
            column = field.sqlColumn == null ? field.code : field.sqlColumn;
        }
        return AttributeDef.builder(field.code, field.type)
                .label(dictionary.attributeLabel(spec.name, field.code).orElse(field.code))
                .definingClass(spec.name)
                .sqlColumn(column)
                .nullable(field.nullable)
                .defaultValue(field.defaultValue)
                .enumValues(values)
                .precision(field.digits, field.decimals)
                .validationPattern(field.validationPattern)
                .targetClass(field.targetClass)
                .onTargetDelete(field.onTargetDelete)
                .externalField(field.extKeyAttCode, field.targetAttCode)
                .linkedSet(field.linkedClass, field.extKeyToMe, field.extKeyToRemote)
                .readOnly(field.readOnly)
                .build();
    }

    private List<AttributeDef> computedAttributes(ClassSpec spec, List<AttributeDef> declared) {
        List<AttributeDef> computed = new ArrayList<>();
        Set<String> usedCodes = new HashSet<>();
        declared.forEach(a -> usedCodes.add(a.code()));
        if (spec.parent == null && hasSubclasses(spec.name)) {
            addComputed(computed, usedCodes, AttributeDef.builder(FINAL_CLASS, AttributeType.FINAL_CLASS)
                    .label(dictionary.attributeLabel(spec.name, FINAL_CLASS).orElse(FINAL_CLASS))
                    .definingClass(spec.name).nullable(false).build());
        }
        addComputed(computed, usedCodes, AttributeDef.builder(FRIENDLY_NAME, AttributeType.FRIENDLY_NAME)
                .label(dictionary.attributeLabel(spec.name, FRIENDLY_NAME).orElse(FRIENDLY_NAME_LABEL))
                .definingClass(spec.name).build());
        if (spec.obsolescenceCondition != null) {
            addComputed(computed, usedCodes, AttributeDef.builder(OBSOLESCENCE_FLAG, AttributeType.OBSOLESCENCE_FLAG)
                    .label(dictionary.attributeLabel(spec.name, OBSOLESCENCE_FLAG).orElse(OBSOLESCENCE_FLAG_LABEL))
                    .definingClass(spec.name).nullable(false).build());
        }
        for (AttributeDef key : declared) {
            if (!key.type().isExternalKey()) {
                continue;
            }
            String target = key.targetClass().orElseThrow();
            addKeyField(computed, usedCodes, spec, key, "_friendlyname", FRIENDLY_NAME, key.label());
            if (hasSubclasses(target)) {
                addKeyField(computed, usedCodes, spec, key, "_finalclass_recall", FINAL_CLASS, null);
            }
            if (obsolescenceCondition(specs.get(target)) != null) {
                addKeyField(computed, usedCodes, spec, key, "_obsolescence_flag", OBSOLESCENCE_FLAG, null);
            }
        }
        return computed;
    }

    private void addKeyField(List<AttributeDef> computed, Set<String> usedCodes, ClassSpec spec, AttributeDef key,
            String suffix, String targetAttCode, String fallbackLabel) {
        String code = key.code() + suffix;
        addComputed(computed, usedCodes, AttributeDef.builder(code, AttributeType.EXTERNAL_FIELD)
                .label(dictionary.attributeLabel(spec.name, code).orElse(fallbackLabel == null ? code : fallbackLabel))
                .definingClass(spec.name)
                .targetClass(key.targetClass().orElseThrow())
                .externalField(key.code(), targetAttCode)
                .build());
    }

    private static void addComputed(List<AttributeDef> computed, Set<String> usedCodes, AttributeDef attribute) {
        if (usedCodes.add(attribute.code())) {
            computed.add(attribute);
        }
    }

    private List<String> knownCodes(ClassSpec spec, String role, List<String> requested, Set<String> codes) {
        List<String> known = new ArrayList<>();
        for (String code : requested) {
            if (codes.contains(code) || code.equals("id")) {
                known.add(code);
            } else {
                warnings.skip(spec.node, role + " not in the class",
                        "the class has no such attribute (or it was skipped)", spec.name + "." + code);
            }
        }
        return known;
    }

    private List<UniquenessRule> uniquenessRules(ClassSpec spec, ModelClass parent, Set<String> codes) {
        Map<String, UniquenessRule> rules = new LinkedHashMap<>();
        if (parent != null) {
            parent.uniquenessRules().forEach(rule -> rules.put(rule.id(), rule));
        }
        for (RuleSpec ruleSpec : spec.uniquenessRules) {
            UniquenessRule inherited = rules.get(ruleSpec.id);
            List<String> attributes = ruleSpec.attributes != null ? ruleSpec.attributes
                    : inherited != null ? inherited.attributes() : List.of();
            if (attributes.isEmpty()) {
                warnings.skip(ruleSpec.node, "uniqueness rule without attributes",
                        "a uniqueness rule needs at least one attribute", spec.name + "/" + ruleSpec.id);
                continue;
            }
            List<String> known = knownCodes(spec, "uniqueness rule attribute", attributes, codes);
            if (known.size() != attributes.size()) {
                continue;
            }
            Optional<String> filter = ruleSpec.filter != null ? Optional.of(ruleSpec.filter)
                    : inherited != null ? inherited.filter() : Optional.empty();
            boolean blocking = ruleSpec.blocking != null ? ruleSpec.blocking : inherited == null || inherited.blocking();
            boolean disabled = ruleSpec.disabled != null ? ruleSpec.disabled : inherited != null && inherited.disabled();
            String definingClass = inherited != null ? inherited.definingClass() : spec.name;
            rules.put(ruleSpec.id, new UniquenessRule(ruleSpec.id, known, filter, blocking, disabled, definingClass));
        }
        return List.copyOf(rules.values());
    }
}
