package io.github.itopdata.core.synchro;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A synchro data source: a target class, how rows of its replica table find and write objects,
 * and what happens to objects whose rows stop being sent.
 *
 * <p>Enumerated settings are kept as iTop's codes (for example {@code delete_policy =
 * update_then_delete}); {@link DataSources} checks them when the source is saved. Durations are
 * in seconds. Build one with {@link #builder(String, String)}.
 *
 * @param id the source's id, 0 before it is saved
 * @param attributes the synchro attributes; empty when creating means "one per writable attribute"
 */
public record DataSource(long id, String name, String description, String status, Optional<Long> userId,
        Optional<Long> notifyContactId, String scopeClass, String databaseTableName, String scopeRestriction,
        long fullLoadPeriodicity, String reconciliationPolicy, String actionOnZero, String actionOnOne,
        String actionOnMultiple, String deletePolicy, String deletePolicyUpdate, long deletePolicyRetention,
        String userDeletePolicy, String urlIcon, String urlApplication, List<SynchroAttributeDef> attributes) {

    public DataSource {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(scopeClass, "scopeClass");
        attributes = List.copyOf(attributes);
    }

    /** Starts a source with iTop's defaults for a class. */
    public static Builder builder(String name, String scopeClass) {
        return new Builder(name, scopeClass);
    }

    /** Returns a builder holding this source's settings. */
    public Builder toBuilder() {
        Builder builder = new Builder(name, scopeClass);
        builder.id = id;
        builder.description = description;
        builder.status = status;
        builder.userId = userId.orElse(null);
        builder.notifyContactId = notifyContactId.orElse(null);
        builder.databaseTableName = databaseTableName;
        builder.scopeRestriction = scopeRestriction;
        builder.fullLoadPeriodicity = fullLoadPeriodicity;
        builder.reconciliationPolicy = reconciliationPolicy;
        builder.actionOnZero = actionOnZero;
        builder.actionOnOne = actionOnOne;
        builder.actionOnMultiple = actionOnMultiple;
        builder.deletePolicy = deletePolicy;
        builder.deletePolicyUpdate = deletePolicyUpdate;
        builder.deletePolicyRetention = deletePolicyRetention;
        builder.userDeletePolicy = userDeletePolicy;
        builder.urlIcon = urlIcon;
        builder.urlApplication = urlApplication;
        builder.attributes = new ArrayList<>(attributes);
        return builder;
    }

    /** Finds the synchro attribute of an attribute code. */
    public Optional<SynchroAttributeDef> attribute(String attCode) {
        return attributes.stream().filter(a -> a.attCode().equals(attCode)).findFirst();
    }

    /** Settings of a data source being defined; every setting starts at iTop's default. */
    public static final class Builder {
        private long id;
        private String name;
        private String description = "";
        private String status = "implementation";
        private Long userId;
        private Long notifyContactId;
        private String scopeClass;
        private String databaseTableName = "";
        private String scopeRestriction = "";
        private long fullLoadPeriodicity;
        private String reconciliationPolicy = "use_attributes";
        private String actionOnZero = "create";
        private String actionOnOne = "update";
        private String actionOnMultiple = "error";
        private String deletePolicy = "ignore";
        private String deletePolicyUpdate = "";
        private long deletePolicyRetention;
        private String userDeletePolicy = "nobody";
        private String urlIcon = "";
        private String urlApplication = "";
        private List<SynchroAttributeDef> attributes = new ArrayList<>();

        private Builder(String name, String scopeClass) {
            this.name = name;
            this.scopeClass = scopeClass;
        }

        public Builder id(long value) {
            id = value;
            return this;
        }

        public Builder name(String value) {
            name = value;
            return this;
        }

        public Builder description(String value) {
            description = value;
            return this;
        }

        public Builder status(String value) {
            status = value;
            return this;
        }

        public Builder userId(Long value) {
            userId = value;
            return this;
        }

        public Builder notifyContactId(Long value) {
            notifyContactId = value;
            return this;
        }

        public Builder scopeClass(String value) {
            scopeClass = value;
            return this;
        }

        public Builder databaseTableName(String value) {
            databaseTableName = value;
            return this;
        }

        public Builder scopeRestriction(String value) {
            scopeRestriction = value;
            return this;
        }

        public Builder fullLoadPeriodicity(long seconds) {
            fullLoadPeriodicity = seconds;
            return this;
        }

        public Builder reconciliationPolicy(String value) {
            reconciliationPolicy = value;
            return this;
        }

        public Builder actionOnZero(String value) {
            actionOnZero = value;
            return this;
        }

        public Builder actionOnOne(String value) {
            actionOnOne = value;
            return this;
        }

        public Builder actionOnMultiple(String value) {
            actionOnMultiple = value;
            return this;
        }

        public Builder deletePolicy(String value) {
            deletePolicy = value;
            return this;
        }

        public Builder deletePolicyUpdate(String value) {
            deletePolicyUpdate = value;
            return this;
        }

        public Builder deletePolicyRetention(long seconds) {
            deletePolicyRetention = seconds;
            return this;
        }

        public Builder userDeletePolicy(String value) {
            userDeletePolicy = value;
            return this;
        }

        public Builder urlIcon(String value) {
            urlIcon = value;
            return this;
        }

        public Builder urlApplication(String value) {
            urlApplication = value;
            return this;
        }

        /** Replaces the synchro attributes. */
        public Builder attributes(List<SynchroAttributeDef> value) {
            attributes = new ArrayList<>(value);
            return this;
        }

        /** Adds or replaces the synchro attribute of one attribute code. */
        public Builder attribute(SynchroAttributeDef value) {
            attributes.removeIf(a -> a.attCode().equals(value.attCode()));
            attributes.add(value);
            return this;
        }

        public DataSource build() {
            return new DataSource(id, name, nonNull(description), status, Optional.ofNullable(userId),
                    Optional.ofNullable(notifyContactId), scopeClass, nonNull(databaseTableName),
                    nonNull(scopeRestriction), fullLoadPeriodicity, reconciliationPolicy, actionOnZero, actionOnOne,
                    actionOnMultiple, deletePolicy, nonNull(deletePolicyUpdate), deletePolicyRetention,
                    userDeletePolicy, nonNull(urlIcon), nonNull(urlApplication), attributes);
        }

        private static String nonNull(String value) {
            return value == null ? "" : value;
        }
    }
}
