package io.github.itopdata.core.synchro;

import io.github.itopdata.core.model.AttributeDef;
import io.github.itopdata.core.model.AttributeType;
import io.github.itopdata.core.model.ModelClass;
import io.github.itopdata.core.store.SchemaMapping;
import io.github.itopdata.core.synchro.internal.ReplicaTable;
import io.github.itopdata.core.synchro.internal.SynchroTables;
import io.github.itopdata.core.synchro.internal.TargetAttributes;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Creates, changes, reads and deletes data sources, with their synchro attributes and replica
 * tables.
 *
 * <p>Saving checks the definition and rejects it with a {@link DataSourceException} whose message
 * names the field: the enumerated settings must be known codes, a reconciliation policy on
 * attributes needs a reconciliation attribute, the delete policies {@code update} and
 * {@code update_then_delete} need valid update rules, and {@code update_then_delete} needs a
 * retention. Creating a source creates its replica table; changing it adds the columns the
 * table lacks and keeps its rows.
 */
public final class DataSources {

    private static final Map<String, Set<String>> ENUMS = Map.of(
            "status", Set.of("implementation", "production", "obsolete"),
            "reconciliation_policy", Set.of("use_attributes", "use_primary_key"),
            "action_on_zero", Set.of("create", "error"),
            "action_on_one", Set.of("update", "error"),
            "action_on_multiple", Set.of("error", "take_first", "create"),
            "delete_policy", Set.of("ignore", "delete", "update", "update_then_delete"),
            "user_delete_policy", Set.of("nobody", "administrators", "everybody"));

    private final Jdbi jdbi;
    private final SchemaMapping mapping;
    private final SynchroTables tables;
    private final ReplicaTable replicaTable;

    public DataSources(Jdbi jdbi, SchemaMapping mapping) {
        this.jdbi = jdbi;
        this.mapping = mapping;
        this.tables = new SynchroTables(mapping);
        this.replicaTable = new ReplicaTable(tables);
    }

    /**
     * Creates a data source and its replica table. A source without synchro attributes gets one
     * per target attribute: updated, master_locked, and reconciled when the attribute is a
     * reconciliation key of the class. Attributes missing from a given list are added with
     * updates off.
     *
     * @return the saved source, with its id and table name
     */
    public DataSource create(DataSource source) {
        return jdbi.inTransaction(handle -> {
            List<SynchroAttributeDef> attributes = completeAttributes(source, source.attributes().isEmpty());
            DataSource complete = source.toBuilder().attributes(attributes).build();
            validate(complete);
            long id = handle.createQuery("SELECT nextval('" + tables.sourceSequence() + "')").mapTo(Long.class).one();
            String tableName = ReplicaTable.nameFor(source.databaseTableName(), source.scopeClass(), id);
            if (ReplicaTable.exists(handle, tableName)) {
                throw new DataSourceException("The table " + tableName + " already exists in the database. Please use"
                        + " another name for the synchro data table.");
            }
            DataSource saved = complete.toBuilder().id(id).databaseTableName(tableName).build();
            insertSource(handle, saved);
            writeAttributes(handle, saved);
            replicaTable.create(handle, tableName, id, replicaColumns(saved.scopeClass()));
            SynchroLocks.ensureIndex(handle, tables.mapping());
            // Every load rewrites each replica it finds in the feed (status_last_seen). Free room in
            // each page lets PostgreSQL update a replica in place without touching its indexes, which
            // made unchanged re-feeds of 1,000,000 rows 13% faster.
            handle.execute("ALTER TABLE " + tables.replicas() + " SET (fillfactor = 70)");
            return find(handle, id).orElseThrow();
        });
    }

    /**
     * Changes a data source: every setting but the target class and the table name, which are
     * kept. The synchro attributes given replace the stored ones.
     *
     * @throws DataSourceException when the source does not exist or the definition is invalid
     */
    public DataSource update(DataSource source) {
        return jdbi.inTransaction(handle -> {
            DataSource current = find(handle, source.id()).orElseThrow(() -> unknown(source.id()));
            DataSource changed = source.toBuilder().scopeClass(current.scopeClass())
                    .databaseTableName(current.databaseTableName())
                    .attributes(source.attributes().isEmpty() ? current.attributes() : source.attributes()).build();
            changed = changed.toBuilder().attributes(completeAttributes(changed, false)).build();
            validate(changed);
            handle.execute("DELETE FROM " + tables.sources() + " WHERE id = ?", current.id());
            handle.execute("DELETE FROM " + tables.attributes() + " WHERE " + tables.attribute("sync_source_id")
                    + " = ?", current.id());
            insertSource(handle, changed);
            writeAttributes(handle, changed);
            replicaTable.alter(handle, changed.databaseTableName(), changed.id(), replicaColumns(changed.scopeClass()));
            return find(handle, changed.id()).orElseThrow();
        });
    }

    /**
     * Brings every data source in line with the current model, as needed after a model change.
     * Synchro attributes of attributes the class no longer has are deleted. Attributes without
     * one get one with updates off. Missing columns are added to the replica table, and columns
     * of removed attributes are kept. The triggers are recreated when anything changed or one is
     * missing. With {@code diagnoseOnly}, nothing is changed.
     *
     * @return one line per action, each naming the source; empty when every source is in order
     */
    public List<String> repair(boolean diagnoseOnly) {
        return jdbi.inTransaction(handle -> {
            List<String> actions = new ArrayList<>();
            List<Long> ids = handle.createQuery("SELECT id FROM " + tables.sources() + " ORDER BY id").mapTo(Long.class)
                    .list();
            for (long id : ids) {
                repair(handle, find(handle, id).orElseThrow(), actions);
            }
            if (diagnoseOnly) {
                handle.rollback();
            }
            return actions;
        });
    }

    private void repair(Handle handle, DataSource source, List<String> actions) {
        String prefix = "Data source '" + source.name() + "' (id " + source.id() + "): ";
        Optional<ModelClass> modelClass = mapping.model().find(source.scopeClass());
        if (modelClass.isEmpty()) {
            actions.add(prefix + "its class " + source.scopeClass() + " is not in the model any more; left unchanged,"
                    + " delete the source or restore the class");
            return;
        }
        List<AttributeDef> targets = TargetAttributes.of(mapping, modelClass.get().name());
        List<SynchroAttributeDef> remaining = new ArrayList<>();
        boolean changed = false;
        for (SynchroAttributeDef attribute : source.attributes()) {
            if (targets.stream().anyMatch(t -> t.code().equals(attribute.attCode()))) {
                remaining.add(attribute);
            } else {
                actions.add(prefix + "deleted the synchro attribute '" + attribute.attCode()
                        + "', which the class no longer has");
                changed = true;
            }
        }

        DataSource trimmed = source.toBuilder().attributes(remaining).build();
        List<SynchroAttributeDef> complete = completeAttributes(trimmed, false);
        for (SynchroAttributeDef attribute : complete) {
            if (remaining.stream().noneMatch(k -> k.attCode().equals(attribute.attCode()))) {
                actions.add(prefix + "added the synchro attribute '" + attribute.attCode() + "' (not updated, not"
                        + " reconciled)");
                changed = true;
            }
        }

        String tableName = source.databaseTableName();
        if (!ReplicaTable.exists(handle, tableName)) {
            actions.add(prefix + "created the missing replica table " + tableName);
            replicaTable.create(handle, tableName, source.id(), replicaColumns(source.scopeClass()));
        } else {
            List<ReplicaTable.Column> added = replicaTable.missingColumns(handle, tableName,
                    replicaColumns(source.scopeClass()));
            added.forEach(column -> actions.add(prefix + "added the column " + column.name() + " to " + tableName));
            int triggers = replicaTable.triggerCount(handle, tableName);
            boolean outdated = triggers == 3 && replicaTable.triggersOutdated(handle, tableName);
            if (triggers < 3) {
                actions.add(prefix + "recreated the triggers of " + tableName + " (" + triggers + " of 3 found)");
            } else if (outdated) {
                actions.add(prefix + "recreated the outdated triggers of " + tableName);
            }
            if (changed || !added.isEmpty() || triggers < 3 || outdated) {
                replicaTable.alter(handle, tableName, source.id(), replicaColumns(source.scopeClass()));
            }
        }

        if (changed) {
            handle.execute("DELETE FROM " + tables.attributes() + " WHERE " + tables.attribute("sync_source_id")
                    + " = ?", source.id());
            writeAttributes(handle, trimmed.toBuilder().attributes(complete).build());
        }
    }

    /**
     * Deletes a data source: its replica table, replicas, synchro attributes and logs. Objects it
     * created are kept.
     */
    public void delete(long id) {
        jdbi.useTransaction(handle -> {
            DataSource source = find(handle, id).orElseThrow(() -> unknown(id));
            replicaTable.drop(handle, source.databaseTableName());
            handle.execute("DELETE FROM " + tables.replicas() + " WHERE " + tables.replica("sync_source_id") + " = ?", id);
            handle.execute("DELETE FROM " + tables.attributes() + " WHERE " + tables.attribute("sync_source_id")
                    + " = ?", id);
            handle.execute("DELETE FROM synchro_log_detail WHERE log_id IN (SELECT id FROM " + tables.logs() + " WHERE "
                    + tables.log("sync_source_id") + " = ?)", id);
            handle.execute("DELETE FROM " + tables.logs() + " WHERE " + tables.log("sync_source_id") + " = ?", id);
            handle.execute("DELETE FROM " + tables.sources() + " WHERE id = ?", id);
        });
    }

    /** The outcome of {@link #define}: the saved source, whether it was created, and the warnings. */
    public record Defined(DataSource source, boolean created, List<String> warnings) {
    }

    /**
     * Creates the data source described by a definition file ({@link DataSourceDefinition}), or
     * updates the one with the same name (the lowest id when several have it).
     */
    public Defined define(String json) {
        DataSourceDefinition.Parsed parsed = DataSourceDefinition.parse(json, this::findUserId, this::findContactId);
        List<String> warnings = new ArrayList<>(parsed.warnings());
        List<DataSource> existing = findByName(parsed.source().name());
        if (!existing.isEmpty() && !existing.get(0).scopeClass().equals(parsed.source().scopeClass())) {
            DataSource current = existing.get(0);
            throw new DataSourceException("Data source '" + current.name() + "' (id " + current.id()
                    + ") synchronizes the class " + current.scopeClass() + ", and a definition cannot change it to "
                    + parsed.source().scopeClass() + ": give the definition another name to create a new source");
        }
        DataSource saved = existing.isEmpty() ? create(parsed.source())
                : update(parsed.source().toBuilder().id(existing.get(0).id()).build());
        if (!existing.isEmpty() && !parsed.source().attributes().isEmpty()) {
            List<String> listed = parsed.source().attributes().stream().map(SynchroAttributeDef::attCode).toList();
            List<String> dropped = existing.get(0).attributes().stream()
                    .filter(attribute -> attribute.update() && !listed.contains(attribute.attCode()))
                    .map(SynchroAttributeDef::attCode).toList();
            if (!dropped.isEmpty()) {
                warnings.add("Attributes updated before and absent from attribute_list are no longer updated: "
                        + String.join(", ", dropped));
            }
        }
        warnings.addAll(warningsFor(saved));
        return new Defined(saved, existing.isEmpty(), warnings);
    }

    private Optional<Long> findUserId(String login) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT id FROM itop_user WHERE lower(login) = lower(:login)")
                .bind("login", login).mapTo(Long.class).findFirst());
    }

    private Optional<Long> findContactId(String name) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT id FROM obj_contact WHERE itop_fold(name) = itop_fold(:n)"
                        + " OR itop_fold(coalesce(first_name, '') || ' ' || name) = itop_fold(:n) ORDER BY id")
                .bind("n", name).mapTo(Long.class).findFirst());
    }

    /** Finds a data source by id. */
    public Optional<DataSource> find(long id) {
        return jdbi.withHandle(handle -> find(handle, id));
    }

    /** Finds a data source by id in the caller's transaction. */
    public Optional<DataSource> find(Handle handle, long id) {
        Optional<DataSource.Builder> builder = handle.createQuery("SELECT * FROM " + tables.sources() + " WHERE id = :id")
                .bind("id", id).map((rows, context) -> readSource(rows)).findOne();
        return builder.map(b -> b.attributes(readAttributes(handle, id)).build());
    }

    /** Finds the data sources with a name, compared exactly, lowest id first. */
    public List<DataSource> findByName(String name) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT id FROM " + tables.sources() + " WHERE "
                        + tables.source("name") + " = :name ORDER BY id").bind("name", name).mapTo(Long.class).list())
                .stream().map(id -> find(id).orElseThrow()).toList();
    }

    /** Returns every data source, by id. */
    public List<DataSource> list() {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT id FROM " + tables.sources() + " ORDER BY id")
                .mapTo(Long.class).list()).stream().map(id -> find(id).orElseThrow()).toList();
    }

    /**
     * Returns the warnings of a definition that does not prevent saving it: reconciliation
     * attributes that are not updated (created objects lack them) and link sets used as
     * reconciliation keys.
     */
    public List<String> warningsFor(DataSource source) {
        List<String> warnings = new ArrayList<>();
        if (!source.reconciliationPolicy().equals("use_attributes")) {
            return warnings;
        }
        for (SynchroAttributeDef attribute : source.attributes()) {
            if (attribute.reconcile() && !attribute.update()) {
                warnings.add("Attribute '" + attribute.attCode() + "' is a reconciliation key but is not updated:"
                        + " objects created by the source will not have it");
            }
            if (attribute.reconcile() && attribute.kind() == SynchroAttributeDef.Kind.LINK_SET) {
                warnings.add("Attribute '" + attribute.attCode() + "' is a link set used as a reconciliation key");
            }
        }
        return warnings;
    }

    /** Returns the names of the replica table's attribute columns for a class. */
    List<String> columnsOf(String className) {
        return replicaColumns(className).stream().map(ReplicaTable.Column::name).toList();
    }

    private List<ReplicaTable.Column> replicaColumns(String className) {
        return TargetAttributes.columns(mapping, className);
    }

    private static DataSourceException unknown(long id) {
        return new DataSourceException("Unknown data source id: '" + id + "'");
    }

    private List<SynchroAttributeDef> completeAttributes(DataSource source, boolean creationDefaults) {
        ModelClass modelClass = mapping.model().find(source.scopeClass()).orElseThrow(() -> new DataSourceException(
                "Invalid scope_class '" + source.scopeClass() + "': no such class in the model"));
        Map<String, SynchroAttributeDef> given = new LinkedHashMap<>();
        for (SynchroAttributeDef attribute : source.attributes()) {
            given.put(attribute.attCode(), attribute);
        }
        List<AttributeDef> targets = TargetAttributes.of(mapping, modelClass.name());
        for (String code : given.keySet()) {
            if (targets.stream().noneMatch(t -> t.code().equals(code))) {
                throw new DataSourceException("Invalid synchro attribute '" + code + "': class " + modelClass.name()
                        + " has no writable attribute with that code");
            }
        }
        List<SynchroAttributeDef> result = new ArrayList<>();
        for (AttributeDef target : targets) {
            SynchroAttributeDef attribute = given.get(target.code());
            if (attribute == null) {
                boolean reconcile = creationDefaults && modelClass.reconciliationKeys().contains(target.code());
                attribute = defaultFor(target, creationDefaults, reconcile);
            }
            result.add(withKindOf(target, attribute));
        }
        return result;
    }

    private static SynchroAttributeDef defaultFor(AttributeDef target, boolean update, boolean reconcile) {
        if (target.type().isExternalKey()) {
            return SynchroAttributeDef.externalKey(target.code(), update, reconcile, "master_locked", "");
        }
        if (target.type() == AttributeType.LINKED_SET_INDIRECT) {
            return SynchroAttributeDef.linkSet(target.code(), update, "master_locked").withFlags(update, reconcile,
                    "master_locked");
        }
        return SynchroAttributeDef.plain(target.code(), update, reconcile, "master_locked");
    }

    /** Gives an attribute the kind its type calls for, whatever kind the definition named. */
    private static SynchroAttributeDef withKindOf(AttributeDef target, SynchroAttributeDef attribute) {
        SynchroAttributeDef.Kind kind = target.type().isExternalKey() ? SynchroAttributeDef.Kind.EXTERNAL_KEY
                : target.type() == AttributeType.LINKED_SET_INDIRECT ? SynchroAttributeDef.Kind.LINK_SET
                : SynchroAttributeDef.Kind.PLAIN;
        if (kind == attribute.kind()) {
            return attribute;
        }
        return new SynchroAttributeDef(attribute.attCode(), kind, attribute.update(), attribute.reconcile(),
                attribute.updatePolicy(), attribute.reconciliationAttCode(), attribute.rowSeparator(),
                attribute.attributeSeparator(), attribute.valueSeparator(), attribute.attributeQualifier());
    }

    private void validate(DataSource source) {
        checkEnum("status", source.status());
        checkEnum("reconciliation_policy", source.reconciliationPolicy());
        checkEnum("action_on_zero", source.actionOnZero());
        checkEnum("action_on_one", source.actionOnOne());
        checkEnum("action_on_multiple", source.actionOnMultiple());
        checkEnum("delete_policy", source.deletePolicy());
        checkEnum("user_delete_policy", source.userDeletePolicy());
        if (source.name().isBlank()) {
            throw new DataSourceException("Missing name: every data source needs one");
        }
        for (SynchroAttributeDef attribute : source.attributes()) {
            if (!SynchroAttributeDef.UPDATE_POLICIES.contains(attribute.updatePolicy())) {
                throw new DataSourceException("Invalid update_policy '" + attribute.updatePolicy() + "' of attribute '"
                        + attribute.attCode() + "': expected one of " + SynchroAttributeDef.UPDATE_POLICIES);
            }
            checkReconciliationAttCode(source.scopeClass(), attribute);
            if (attribute.reconcile() && mapping.model().get(source.scopeClass()).attribute(attribute.attCode())
                    .map(a -> a.type().isDocument()).orElse(false)) {
                throw new DataSourceException("Invalid synchro attribute '" + attribute.attCode() + "': a document"
                        + " (blob or image) cannot be a reconciliation key; set its reconcile flag to 0");
            }
        }
        if (source.reconciliationPolicy().equals("use_attributes")
                && source.attributes().stream().noneMatch(SynchroAttributeDef::reconcile)) {
            throw new DataSourceException("At Least one reconciliation key must be specified, or the reconciliation"
                    + " policy must be to use the primary key.");
        }
        if (source.deletePolicy().equals("update_then_delete") && source.deletePolicyRetention() == 0) {
            throw new DataSourceException("A delete retention period must be specified, since objects are to be"
                    + " deleted after being marked as obsolete");
        }
        if (source.deletePolicy().equals("update") || source.deletePolicy().equals("update_then_delete")) {
            if (source.deletePolicyUpdate().isEmpty()) {
                throw new DataSourceException("Obsolete objects are to be updated, but no update is specified.");
            }
            UpdateRules.parse(source.deletePolicyUpdate()).check(mapping.model().get(source.scopeClass()));
        }
    }

    private void checkReconciliationAttCode(String scopeClass, SynchroAttributeDef attribute) {
        if (attribute.kind() != SynchroAttributeDef.Kind.EXTERNAL_KEY || attribute.reconciliationAttCode().isEmpty()) {
            return;
        }
        AttributeDef key = mapping.model().get(scopeClass).attribute(attribute.attCode()).orElseThrow();
        String target = key.targetClass().orElseThrow();
        if (!mapping.table(target).isStored(attribute.reconciliationAttCode())) {
            throw new DataSourceException("Invalid reconciliation_attcode '" + attribute.reconciliationAttCode()
                    + "' of attribute '" + attribute.attCode() + "': class " + target
                    + " has no stored attribute with that code");
        }
    }

    private static void checkEnum(String field, String value) {
        Set<String> allowed = ENUMS.get(field);
        if (value == null || !allowed.contains(value)) {
            throw new DataSourceException("Invalid " + field + " '" + value + "': expected one of "
                    + allowed.stream().sorted().toList());
        }
    }

    private void insertSource(Handle handle, DataSource source) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("name", source.name());
        values.put("description", source.description());
        values.put("status", source.status());
        values.put("user_id", source.userId().orElse(null));
        values.put("notify_contact_id", source.notifyContactId().orElse(null));
        values.put("scope_class", source.scopeClass());
        values.put("database_table_name", source.databaseTableName());
        values.put("scope_restriction", source.scopeRestriction());
        values.put("full_load_periodicity", source.fullLoadPeriodicity());
        values.put("reconciliation_policy", source.reconciliationPolicy());
        values.put("action_on_zero", source.actionOnZero());
        values.put("action_on_one", source.actionOnOne());
        values.put("action_on_multiple", source.actionOnMultiple());
        values.put("delete_policy", source.deletePolicy());
        values.put("delete_policy_update", source.deletePolicyUpdate());
        values.put("delete_policy_retention", source.deletePolicyRetention());
        values.put("user_delete_policy", source.userDeletePolicy());
        values.put("url_icon", source.urlIcon());
        values.put("url_application", source.urlApplication());
        StringBuilder columns = new StringBuilder("id, finalclass");
        StringBuilder parameters = new StringBuilder(":id, 'SynchroDataSource'");
        for (String code : values.keySet()) {
            columns.append(", ").append(tables.source(code));
            parameters.append(", :").append(code);
        }
        var update = handle.createUpdate("INSERT INTO " + tables.sources() + " (" + columns + ") VALUES ("
                + parameters + ")").bind("id", source.id());
        values.forEach(update::bind);
        update.execute();
    }

    private void writeAttributes(Handle handle, DataSource source) {
        for (SynchroAttributeDef attribute : source.attributes()) {
            handle.createUpdate("INSERT INTO " + tables.attributes() + " (finalclass, " + tables.attribute("sync_source_id")
                            + ", " + tables.attribute("attcode") + ", " + tables.attribute("update") + ", "
                            + tables.attribute("reconcile") + ", " + tables.attribute("update_policy") + ", "
                            + tables.attribute("reconciliation_attcode") + ", " + tables.attribute("row_separator") + ", "
                            + tables.attribute("attribute_separator") + ", " + tables.attribute("value_separator") + ", "
                            + tables.attribute("attribute_qualifier") + ") VALUES (:class, :source, :code, :update,"
                            + " :reconcile, :policy, :recon, :row, :att, :value, :qualifier)")
                    .bind("class", attribute.kind().className())
                    .bind("source", source.id())
                    .bind("code", attribute.attCode())
                    .bind("update", attribute.update())
                    .bind("reconcile", attribute.reconcile())
                    .bind("policy", attribute.updatePolicy())
                    .bind("recon", attribute.kind() == SynchroAttributeDef.Kind.EXTERNAL_KEY
                            ? attribute.reconciliationAttCode() : null)
                    .bind("row", linkSetValue(attribute, attribute.rowSeparator()))
                    .bind("att", linkSetValue(attribute, attribute.attributeSeparator()))
                    .bind("value", linkSetValue(attribute, attribute.valueSeparator()))
                    .bind("qualifier", linkSetValue(attribute, attribute.attributeQualifier()))
                    .execute();
        }
    }

    private static String linkSetValue(SynchroAttributeDef attribute, String value) {
        return attribute.kind() == SynchroAttributeDef.Kind.LINK_SET ? value : null;
    }

    private DataSource.Builder readSource(ResultSet rows) throws SQLException {
        DataSource.Builder builder = DataSource.builder(text(rows, "name"), text(rows, "scope_class"))
                .id(rows.getLong("id"))
                .description(text(rows, "description"))
                .status(text(rows, "status"))
                .databaseTableName(text(rows, "database_table_name"))
                .scopeRestriction(text(rows, "scope_restriction"))
                .fullLoadPeriodicity(rows.getLong(unquote(tables.source("full_load_periodicity"))))
                .reconciliationPolicy(text(rows, "reconciliation_policy"))
                .actionOnZero(text(rows, "action_on_zero"))
                .actionOnOne(text(rows, "action_on_one"))
                .actionOnMultiple(text(rows, "action_on_multiple"))
                .deletePolicy(text(rows, "delete_policy"))
                .deletePolicyUpdate(text(rows, "delete_policy_update"))
                .deletePolicyRetention(rows.getLong(unquote(tables.source("delete_policy_retention"))))
                .userDeletePolicy(text(rows, "user_delete_policy"))
                .urlIcon(text(rows, "url_icon"))
                .urlApplication(text(rows, "url_application"));
        long user = rows.getLong(unquote(tables.source("user_id")));
        builder.userId(rows.wasNull() || user == 0 ? null : user);
        long contact = rows.getLong(unquote(tables.source("notify_contact_id")));
        builder.notifyContactId(rows.wasNull() || contact == 0 ? null : contact);
        return builder;
    }

    private String text(ResultSet rows, String code) throws SQLException {
        String value = rows.getString(unquote(tables.source(code)));
        return value == null ? "" : value;
    }

    private static String unquote(String quoted) {
        return quoted.substring(1, quoted.length() - 1);
    }

    private List<SynchroAttributeDef> readAttributes(Handle handle, long sourceId) {
        return handle.createQuery("SELECT * FROM " + tables.attributes() + " WHERE " + tables.attribute("sync_source_id")
                        + " = :id ORDER BY " + tables.attribute("attcode"))
                .bind("id", sourceId)
                .map((rows, context) -> new SynchroAttributeDef(
                        rows.getString(unquote(tables.attribute("attcode"))),
                        SynchroAttributeDef.Kind.fromClassName(rows.getString("finalclass")).orElseThrow(),
                        rows.getBoolean(unquote(tables.attribute("update"))),
                        rows.getBoolean(unquote(tables.attribute("reconcile"))),
                        rows.getString(unquote(tables.attribute("update_policy"))),
                        rows.getString(unquote(tables.attribute("reconciliation_attcode"))),
                        rows.getString(unquote(tables.attribute("row_separator"))),
                        rows.getString(unquote(tables.attribute("attribute_separator"))),
                        rows.getString(unquote(tables.attribute("value_separator"))),
                        rows.getString(unquote(tables.attribute("attribute_qualifier")))))
                .list();
    }
}
