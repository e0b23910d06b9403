package io.github.itopdata.core.imports.internal;

import io.github.itopdata.core.model.AttributeDef;
import io.github.itopdata.core.model.Model;
import io.github.itopdata.core.model.ModelClass;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The names a header cell or a reconciliation key item may use for a class: {@code id}, each
 * attribute, and {@code k->r} for each attribute {@code r} of the class an external key {@code k}
 * points to. Codes are always accepted; in localized mode the English labels are accepted too and
 * win over a code spelled the same. Lookup ignores case.
 */
public final class ColumnNames {

    private final boolean localized;
    private final ModelClass modelClass;
    private final Map<String, List<ColumnTarget>> byLabel = new LinkedHashMap<>();
    private final Map<String, ColumnTarget> byCode = new LinkedHashMap<>();
    private final List<String> possibleNames = new ArrayList<>();

    /** Builds the names of {@code modelClass}; {@code localized} is the opposite of {@code no_localize}. */
    public ColumnNames(Model model, ModelClass modelClass, boolean localized) {
        this.localized = localized;
        this.modelClass = modelClass;
        add("id", "id", ColumnTarget.ID);
        for (AttributeDef attribute : modelClass.allAttributes()) {
            ColumnTarget target = new ColumnTarget(attribute.code(), null);
            add(attribute.code(), attribute.label(), target);
            if (attribute.type().isExternalKey() && attribute.targetClass().isPresent()) {
                Optional<ModelClass> targetClass = model.find(attribute.targetClass().get());
                if (targetClass.isEmpty()) {
                    continue;
                }
                for (AttributeDef remote : targetClass.get().allAttributes()) {
                    add(attribute.code() + "->" + remote.code(), attribute.label() + "->" + remote.label(),
                            new ColumnTarget(attribute.code(), remote.code()));
                }
            }
        }
    }

    private void add(String code, String label, ColumnTarget target) {
        byCode.putIfAbsent(lower(code), target);
        byLabel.computeIfAbsent(lower(label), key -> new ArrayList<>()).add(target);
        possibleNames.add(lower(localized ? label : code));
    }

    /** A name resolved to its target, with the warning text when the label was ambiguous. */
    public record Resolution(ColumnTarget target, Optional<String> ambiguity) {
    }

    /**
     * Resolves a name; empty when it is unknown.
     *
     * @param warningPrefix start of the ambiguity warning, {@code Input column} or
     *     {@code Reconciliation key}
     */
    public Optional<Resolution> resolve(String name, String warningPrefix) {
        String key = lower(name);
        if (localized) {
            List<ColumnTarget> candidates = byLabel.get(key);
            if (candidates != null && !candidates.isEmpty()) {
                return Optional.of(choose(name, candidates, warningPrefix));
            }
        }
        ColumnTarget byCodeTarget = byCode.get(key);
        return byCodeTarget == null ? Optional.empty() : Optional.of(new Resolution(byCodeTarget, Optional.empty()));
    }

    private Resolution choose(String name, List<ColumnTarget> candidates, String warningPrefix) {
        if (candidates.size() == 1) {
            return new Resolution(candidates.get(0), Optional.empty());
        }
        // An external key wins over the external fields that share its label.
        List<ColumnTarget> keys = candidates.stream().filter(this::isExternalKey).toList();
        boolean othersAreFields = candidates.stream().allMatch(c -> isExternalKey(c) || isExternalField(c));
        if (keys.size() == 1 && othersAreFields) {
            return new Resolution(keys.get(0), Optional.empty());
        }
        List<String> codes = candidates.stream().map(ColumnTarget::path).toList();
        String warning = warningPrefix + " '" + name + "' is ambiguous. Could be related to "
                + String.join(" or ", codes) + ". The first one will be used: " + codes.get(0);
        return new Resolution(candidates.get(0), Optional.of(warning));
    }

    private boolean isExternalKey(ColumnTarget target) {
        return !target.isRemoteField() && modelClass.attribute(target.attCode())
                .map(a -> a.type().isExternalKey()).orElse(false);
    }

    private boolean isExternalField(ColumnTarget target) {
        return !target.isRemoteField() && modelClass.attribute(target.attCode())
                .map(a -> a.type() == io.github.itopdata.core.model.AttributeType.EXTERNAL_FIELD).orElse(false);
    }

    /** Returns every known name in lower case, in iTop's order, for the unknown-column message. */
    public String possibleNamesText() {
        return String.join(", ", possibleNames);
    }

    private static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }
}
