package io.github.itopdata.core.query.internal;

import io.github.itopdata.core.model.AttributeDef;
import io.github.itopdata.core.model.AttributeType;
import io.github.itopdata.core.model.Model;
import io.github.itopdata.core.model.ModelClass;
import io.github.itopdata.core.query.FieldRef;
import io.github.itopdata.core.query.FieldRef.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The filter codes of each class: {@code id}, every attribute that is not a linked set, and the
 * magic codes ({@code friendlyname}, {@code finalclass} in hierarchies, {@code obsolescence_flag}
 * for classes with an obsolescence rule, and per external key {@code <key>_friendlyname},
 * {@code <key>_finalclass_recall} and {@code <key>_obsolescence_flag} when they apply).
 * Computed once per class and cached.
 */
public final class FilterCodes {

    private final Model model;
    private final Map<String, Map<String, FieldRef>> byClass = new ConcurrentHashMap<>();

    public FilterCodes(Model model) {
        this.model = model;
    }

    public Model model() {
        return model;
    }

    /** Returns the filter codes of {@code modelClass} in model order, {@code id} first. */
    public Map<String, FieldRef> of(ModelClass modelClass) {
        return byClass.computeIfAbsent(modelClass.name(), name -> compute(modelClass));
    }

    /** Finds one filter code of {@code modelClass}. */
    public Optional<FieldRef> find(ModelClass modelClass, String code) {
        return Optional.ofNullable(of(modelClass).get(code));
    }

    /** Returns the codes of {@code modelClass}, for expected lists. */
    public List<String> names(ModelClass modelClass) {
        return new ArrayList<>(of(modelClass).keySet());
    }

    private Map<String, FieldRef> compute(ModelClass owner) {
        Map<String, FieldRef> codes = new LinkedHashMap<>();
        codes.put("id", new FieldRef(owner, "id", Kind.ID, null));
        for (AttributeDef attribute : owner.allAttributes()) {
            if (!attribute.type().isLinkedSet()) {
                codes.put(attribute.code(), classify(owner, attribute));
            }
        }
        codes.putIfAbsent("friendlyname", new FieldRef(owner, "friendlyname", Kind.FRIENDLY_NAME, null));
        if (isInHierarchy(owner)) {
            codes.putIfAbsent("finalclass", new FieldRef(owner, "finalclass", Kind.FINAL_CLASS, null));
        }
        if (owner.obsolescenceCondition().isPresent()) {
            codes.putIfAbsent("obsolescence_flag", new FieldRef(owner, "obsolescence_flag", Kind.OBSOLESCENCE_FLAG, null));
        }
        for (AttributeDef key : owner.allAttributes()) {
            if (key.type().isExternalKey()) {
                addKeyCodes(owner, key, codes);
            }
        }
        return codes;
    }

    private void addKeyCodes(ModelClass owner, AttributeDef key, Map<String, FieldRef> codes) {
        String friendly = key.code() + "_friendlyname";
        codes.putIfAbsent(friendly, new FieldRef(owner, friendly, Kind.KEY_FRIENDLY_NAME, key));
        Optional<ModelClass> target = key.targetClass().flatMap(model::find);
        if (target.isEmpty()) {
            return;
        }
        if (model.hasSubclasses(target.get().name())) {
            String recall = key.code() + "_finalclass_recall";
            codes.putIfAbsent(recall, new FieldRef(owner, recall, Kind.KEY_FINAL_CLASS, key));
        }
        if (target.get().obsolescenceCondition().isPresent()) {
            String flag = key.code() + "_obsolescence_flag";
            codes.putIfAbsent(flag, new FieldRef(owner, flag, Kind.KEY_OBSOLESCENCE_FLAG, key));
        }
    }

    /** Maps the computed attributes the model loader adds onto the kinds the translator handles. */
    private FieldRef classify(ModelClass owner, AttributeDef attribute) {
        String code = attribute.code();
        switch (attribute.type()) {
            case FRIENDLY_NAME:
                if (code.endsWith("_friendlyname")) {
                    Optional<AttributeDef> key = owner.attribute(code.substring(0, code.length() - "_friendlyname".length()));
                    if (key.isPresent() && key.get().type().isExternalKey()) {
                        return new FieldRef(owner, code, Kind.KEY_FRIENDLY_NAME, key.get());
                    }
                }
                return new FieldRef(owner, code, Kind.FRIENDLY_NAME, null);
            case FINAL_CLASS:
                return new FieldRef(owner, code, Kind.FINAL_CLASS, null);
            case OBSOLESCENCE_FLAG:
                return new FieldRef(owner, code, Kind.OBSOLESCENCE_FLAG, null);
            case EXTERNAL_FIELD:
                return new FieldRef(owner, code, Kind.EXTERNAL_FIELD, attribute);
            default:
                return new FieldRef(owner, code, Kind.ATTRIBUTE, attribute);
        }
    }

    private boolean isInHierarchy(ModelClass modelClass) {
        return modelClass.parent().isPresent() || model.hasSubclasses(modelClass.name());
    }

    /** Tells whether an attribute holds text compared case- and accent-insensitively. */
    public static boolean isText(AttributeType type) {
        return type.isStringLike() || type == AttributeType.ENUM || type == AttributeType.CASE_LOG
                || type == AttributeType.FRIENDLY_NAME || type == AttributeType.FINAL_CLASS;
    }
}
