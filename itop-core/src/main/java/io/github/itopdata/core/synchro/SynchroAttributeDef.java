package io.github.itopdata.core.synchro;

import java.util.Objects;
import java.util.Set;

/**
 * The synchronization settings of one attribute of a data source's target class.
 *
 * @param attCode the attribute code
 * @param kind plain attribute, external key or indirect link set
 * @param update whether runs write the attribute when they create or update an object
 * @param reconcile whether the attribute is part of the reconciliation search
 * @param updatePolicy {@code master_locked}, {@code master_unlocked} or {@code write_if_empty}
 * @param reconciliationAttCode for an external key: the attribute of the target class that the
 *     column holds; empty means the column holds the target's id
 * @param rowSeparator for a link set: separator between links, empty for the default {@code |}
 * @param attributeSeparator for a link set: separator between the cells of a link ({@code ;})
 * @param valueSeparator for a link set: separator between code and value ({@code :})
 * @param attributeQualifier for a link set: qualifier of cells ({@code '})
 */
public record SynchroAttributeDef(String attCode, Kind kind, boolean update, boolean reconcile, String updatePolicy,
        String reconciliationAttCode, String rowSeparator, String attributeSeparator, String valueSeparator,
        String attributeQualifier) {

    /** The update policies, by code. */
    public static final Set<String> UPDATE_POLICIES = Set.of("master_locked", "master_unlocked", "write_if_empty");

    /** The kind of a synchro attribute, named after its iTop class. */
    public enum Kind {
        PLAIN("SynchroAttribute"), EXTERNAL_KEY("SynchroAttExtKey"), LINK_SET("SynchroAttLinkSet");

        private final String className;

        Kind(String className) {
            this.className = className;
        }

        /** Returns the iTop class name, such as {@code SynchroAttExtKey}. */
        public String className() {
            return className;
        }

        /** Finds the kind whose class name is given, compared exactly. */
        public static java.util.Optional<Kind> fromClassName(String name) {
            for (Kind kind : values()) {
                if (kind.className.equals(name)) {
                    return java.util.Optional.of(kind);
                }
            }
            return java.util.Optional.empty();
        }
    }

    public SynchroAttributeDef {
        Objects.requireNonNull(attCode, "attCode");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(updatePolicy, "updatePolicy");
        reconciliationAttCode = reconciliationAttCode == null ? "" : reconciliationAttCode;
        rowSeparator = rowSeparator == null ? "" : rowSeparator;
        attributeSeparator = attributeSeparator == null ? "" : attributeSeparator;
        valueSeparator = valueSeparator == null ? "" : valueSeparator;
        attributeQualifier = attributeQualifier == null ? "" : attributeQualifier;
    }

    /** A plain attribute. */
    public static SynchroAttributeDef plain(String attCode, boolean update, boolean reconcile, String updatePolicy) {
        return new SynchroAttributeDef(attCode, Kind.PLAIN, update, reconcile, updatePolicy, "", "", "", "", "");
    }

    /** An external key found by {@code reconciliationAttCode}, or by id when it is empty. */
    public static SynchroAttributeDef externalKey(String attCode, boolean update, boolean reconcile,
            String updatePolicy, String reconciliationAttCode) {
        return new SynchroAttributeDef(attCode, Kind.EXTERNAL_KEY, update, reconcile, updatePolicy,
                reconciliationAttCode, "", "", "", "");
    }

    /** An indirect link set with the default separators. */
    public static SynchroAttributeDef linkSet(String attCode, boolean update, String updatePolicy) {
        return new SynchroAttributeDef(attCode, Kind.LINK_SET, update, false, updatePolicy, "", "|", ";", ":", "'");
    }

    /** Returns a copy with other flags. */
    public SynchroAttributeDef withFlags(boolean newUpdate, boolean newReconcile, String newUpdatePolicy) {
        return new SynchroAttributeDef(attCode, kind, newUpdate, newReconcile, newUpdatePolicy, reconciliationAttCode,
                rowSeparator, attributeSeparator, valueSeparator, attributeQualifier);
    }
}
