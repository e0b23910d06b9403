package io.github.itopdata.core.store;

import io.github.itopdata.core.model.AttributeDef;
import io.github.itopdata.core.model.AttributeType;
import io.github.itopdata.core.model.Model;
import io.github.itopdata.core.model.ModelClass;
import io.github.itopdata.core.model.OnTargetDelete;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small CMDB-like models built in code, so that store tests do not depend on a model file. */
final class TestModels {

    private final Map<String, ModelClass> classes = new LinkedHashMap<>();

    static TestModels builder() {
        return new TestModels();
    }

    /**
     * Adds a class; attributes are given as {@code code:TYPE} or {@code code:DECIMAL:10:2} or
     * {@code code:EXTERNAL_KEY:Target}, optionally followed by the key's {@code on_target_delete}
     * ({@code -} for none) and {@code mandatory}, as in {@code org_id:EXTERNAL_KEY:Organization:DEL_MANUAL:mandatory}.
     */
    TestModels add(String name, String parent, boolean isAbstract, List<String> reconciliationKeys, String... attributes) {
        List<AttributeDef> own = new ArrayList<>();
        for (String spec : attributes) {
            String[] parts = spec.split(":");
            AttributeType type = AttributeType.valueOf(parts[1]);
            AttributeDef.Builder attribute = AttributeDef.builder(parts[0], type).definingClass(name);
            if (type == AttributeType.DECIMAL) {
                attribute.precision(Integer.parseInt(parts[2]), Integer.parseInt(parts[3]));
            }
            if (type.isExternalKey() || type == AttributeType.EXTERNAL_FIELD) {
                attribute.targetClass(parts[2]);
            }
            if (type.isExternalKey() && parts.length > 3 && !parts[3].equals("-")) {
                attribute.onTargetDelete(OnTargetDelete.valueOf(parts[3]));
            }
            if (type.isExternalKey() && parts.length > 4) {
                attribute.nullable(!parts[4].equals("mandatory"));
            }
            if (type == AttributeType.EXTERNAL_FIELD) {
                attribute.externalField(parts[3], parts[4]);
            }
            if (parts.length > 2 && (type == AttributeType.STRING || type == AttributeType.ENUM)) {
                attribute.defaultValue(parts[2]);
            }
            own.add(attribute.build());
        }
        List<AttributeDef> all = new ArrayList<>();
        if (parent != null) {
            all.addAll(classes.get(parent).allAttributes());
        }
        all.addAll(own);
        ModelClass.Builder modelClass = ModelClass.builder(name).parent(parent).isAbstract(isAbstract)
                .ownAttributes(own).allAttributes(all).reconciliationKeys(reconciliationKeys)
                .link(name.startsWith("lnk"));
        if (!reconciliationKeys.isEmpty()) {
            modelClass.namingAttributes(List.of(reconciliationKeys.get(0)));
        }
        classes.put(name, modelClass.build());
        return this;
    }

    Model build() {
        return new Model(classes.values());
    }

    /** Organizations, an abstract FunctionalCI with Server and VirtualMachine, and a link class. */
    static Model cmdb() {
        return cmdbBuilder().build();
    }

    static TestModels cmdbBuilder() {
        return builder()
                .add("Organization", null, false, List.of("name"),
                        "name:STRING", "code:STRING", "status:ENUM", "parent_id:HIERARCHICAL_KEY:Organization",
                        "friendlyname:FRIENDLY_NAME")
                .add("FunctionalCI", null, true, List.of("name", "org_id"),
                        "name:STRING", "org_id:EXTERNAL_KEY:Organization",
                        "organization_name:EXTERNAL_FIELD:Organization:org_id:name", "business_criticity:ENUM:low",
                        "move2production:DATE", "finalclass:FINAL_CLASS", "contacts_list:LINKED_SET_INDIRECT")
                .add("Server", "FunctionalCI", false, List.of("name", "org_id"),
                        "cpu:STRING", "ram:INTEGER", "cost:DECIMAL:10:2", "managed:BOOLEAN", "last_seen:DATE_TIME")
                .add("VirtualMachine", "FunctionalCI", false, List.of("name", "org_id"),
                        "cpu:INTEGER", "description:TEXT")
                .add("lnkContactToFunctionalCI", null, false, List.of("functionalci_id", "contact_id"),
                        "functionalci_id:EXTERNAL_KEY:FunctionalCI", "contact_id:EXTERNAL_KEY:Organization");
    }
}
