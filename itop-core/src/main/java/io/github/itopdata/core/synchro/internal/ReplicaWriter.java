package io.github.itopdata.core.synchro.internal;

import io.github.itopdata.core.model.AttributeDef;
import io.github.itopdata.core.model.ModelClass;
import io.github.itopdata.core.store.ChangeSet;
import io.github.itopdata.core.store.ClassTable;
import io.github.itopdata.core.store.ColumnMapping;
import io.github.itopdata.core.store.DeletionPlan;
import io.github.itopdata.core.store.Document;
import io.github.itopdata.core.store.ObjectStore;
import io.github.itopdata.core.store.SchemaMapping;
import io.github.itopdata.core.store.StoreException;
import io.github.itopdata.core.store.StoredObject;
import io.github.itopdata.core.synchro.DataSource;
import io.github.itopdata.core.synchro.SynchroAttributeDef;
import io.github.itopdata.core.synchro.SynchroLocks;
import io.github.itopdata.core.synchro.SynchroLog;
import io.github.itopdata.core.synchro.UpdateRules;
import io.github.itopdata.core.imports.internal.CellConversion;
import io.github.itopdata.core.imports.internal.UniquenessGuard;
import io.github.itopdata.core.imports.internal.ValueConverter;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies replicas to objects: reconciliation, creation and update respecting the update
 * policies, obsolescence and deletion under the delete policy, and the replica's bookkeeping
 * (status, destination, error, warning, dates) with the run's counters.
 *
 * <p>Job 2 applies a batch of replicas set-based ({@link #applyAll}): one join reconciles the
 * new replicas, one statement creates the objects with their history, two update the matched
 * objects with theirs, one saves the replicas. Some replicas are applied one by one afterwards:
 * those with linked-set values or a document, a reconciliation or mandatory-value failure, an
 * unknown key id or a missing destination, and all but the first of several replicas on one
 * object. Each of
 * them runs inside a savepoint, so a failed object write is undone alone and becomes the
 * replica's error while the run goes on. A batch whose set-based statements fail is rolled back
 * and applied one by one, so each bad replica gets its own error.
 *
 * <p>NOTE: the replicas applied one by one go after the set-based part of their batch. Their
 * order differs from id order only when such a replica and a later one of the same batch write
 * the same object through different keys, such as a linked-set replica reconciled on the object
 * that a later replica creates.
 */
public final class ReplicaWriter {

    /** An error or warning text of a replica, too long for the replica, in full. */
    private record LongMessage(long replicaId, String primaryKey, String kind, String message) {
    }

    /**
     * A replica with the columns of its data row that the run reads: the text of each attribute
     * column by code, and each document whose four columns are all non-NULL.
     */
    public record Replica(long id, String status, Long destId, String destClass, LocalDateTime lastSeen,
            boolean destCreator, String lastError, String primaryKey, Map<String, String> values,
            Map<String, Document> documents) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(ReplicaWriter.class);
    private static final int MAX_MESSAGE = 255;
    private static final String BATCH_SAVEPOINT = "replica_batch";

    private final Handle handle;
    private final SchemaMapping mapping;
    private final SynchroTables tables;
    private final ObjectStore store;
    private final DataSource source;
    private final ChangeSet change;
    private final SynchroLog log;
    private final ModelClass scopeClass;
    private final ReplicaValues values;
    private final LinkSets linkSets;
    private final String dataTable;
    /** Attributes that other data sources lock on the objects of this one's class. */
    private final SynchroLocks locks;
    private final UniquenessGuard uniqueness;
    /** Full texts too long for their replica, waiting to be written to the log details. */
    private final List<LongMessage> longMessages = new ArrayList<>();
    private final ReplicaBatch batch;
    /** Nanoseconds spent by job 2 in planning, set-based writing and per-replica writing. */
    private long planNanos;
    /** Nanoseconds of the set-based path spent deciding each replica's action in Java, and saving the replicas. */
    private long decideNanos;
    private long saveNanos;
    private long setBasedNanos;
    private long oneByOneNanos;
    private long oneByOneCount;

    public ReplicaWriter(Handle handle, SchemaMapping mapping, SynchroTables tables, ObjectStore store,
            DataSource source, ChangeSet change, SynchroLog log) {
        this.handle = handle;
        this.mapping = mapping;
        this.tables = tables;
        this.store = store;
        this.source = source;
        this.change = change;
        this.log = log;
        this.scopeClass = mapping.model().get(source.scopeClass());
        this.values = new ReplicaValues(mapping);
        this.linkSets = new LinkSets(mapping);
        this.dataTable = SchemaMapping.quote(source.databaseTableName());
        this.locks = SynchroLocks.of(mapping, true);
        this.uniqueness = new UniquenessGuard(mapping, scopeClass);
        this.batch = batchFor(store);
    }

    /**
     * Prepares the set-based path, or returns null when the source needs the per-replica path
     * for every replica: a reconciliation attribute or a written attribute without a column of
     * its own in the object table.
     */
    private ReplicaBatch batchFor(ObjectStore store) {
        ClassTable table = mapping.table(source.scopeClass());
        List<ColumnMapping> keyColumns = new ArrayList<>();
        if (source.reconciliationPolicy().equals("use_primary_key")) {
            keyColumns.add(new ColumnMapping("id", "id", io.github.itopdata.core.store.SqlType.BIGINT, "bigint", true));
        } else {
            for (SynchroAttributeDef attribute : source.attributes()) {
                if (attribute.reconcile()) {
                    Optional<ColumnMapping> column = table.column(attribute.attCode());
                    if (column.isEmpty() || column.get().system()) {
                        return null;
                    }
                    keyColumns.add(column.get());
                }
            }
        }
        List<ReplicaBatch.Column> columns = new ArrayList<>();
        for (SynchroAttributeDef attribute : source.attributes()) {
            Optional<AttributeDef> definition = scopeClass.attribute(attribute.attCode());
            if (!attribute.update() || definition.isEmpty() || definition.get().isReadOnly()) {
                continue;
            }
            Optional<ColumnMapping> column = table.column(attribute.attCode());
            if (column.isPresent() && column.get().system()) {
                return null;
            }
            if (definition.get().type().isDocument()) {
                // A document spans four object columns, which the batch does not write, so a replica
                // that gives one is applied one by one (see plan).
                continue;
            }
            column.ifPresent(c -> columns.add(new ReplicaBatch.Column(attribute, c,
                    attribute.updatePolicy().equals("write_if_empty"))));
        }
        return new ReplicaBatch(handle, table, keyColumns, columns, store.defaultValues(source.scopeClass()));
    }

    /** Drops the temporary table of the set-based path; call it when job 2 is over. */
    public void finishBatches() {
        if (batch != null) {
            batch.drop();
            LOG.info("Data source {}: job 2 spent ms planning {}, writing set-based {} ({}, deciding {}, saving"
                    + " replicas {}), writing {} replicas one by one {}", source.id(), planNanos / 1_000_000,
                    setBasedNanos / 1_000_000, batch.timings(), decideNanos / 1_000_000, saveNanos / 1_000_000,
                    oneByOneCount, oneByOneNanos / 1_000_000);
        }
    }

    /** Reads at most {@code limit} replicas of a scope with ids above {@code after}, by id. */
    public static List<Replica> read(Handle handle, SynchroTables tables, DataSource source, List<String> columns,
            String scope, LocalDateTime limitDate, long after, int limit) {
        ModelClass scopeClass = tables.mapping().model().get(source.scopeClass());
        StringBuilder data = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            if (ReplicaDocuments.isDocument(scopeClass, columns.get(i))) {
                data.append(ReplicaDocuments.selectList("d", columns.get(i), i));
                continue;
            }
            data.append(", d.").append(SchemaMapping.quote(columns.get(i))).append(" AS data_").append(i);
        }
        // The replicas are limited first, so that the data rows are read by id for this batch only.
        return handle.createQuery("SELECT r.id, r.status, r.dest_id, r.dest_class, r.last_seen, r.creator, r.last_error,"
                        + " d.primary_key" + data + " FROM (SELECT r.id, r." + tables.replica("status") + " AS status, r."
                        + tables.replica("dest_id") + " AS dest_id, r." + tables.replica("dest_class") + " AS dest_class, r."
                        + tables.replica("status_last_seen") + " AS last_seen, r." + tables.replica("status_dest_creator")
                        + " AS creator, r." + tables.replica("status_last_error") + " AS last_error"
                        + " FROM " + tables.replicas() + " r WHERE r." + tables.replica("sync_source_id") + " = :source AND "
                        + scope + " AND r.id > :after ORDER BY r.id LIMIT :size) r JOIN "
                        + SchemaMapping.quote(source.databaseTableName()) + " d ON d.id = r.id ORDER BY r.id")
                .bind("source", source.id()).bind("limit", limitDate).bind("after", after).bind("size", limit)
                .map((rows, context) -> {
                    Map<String, String> row = new LinkedHashMap<>();
                    Map<String, Document> documents = new LinkedHashMap<>();
                    for (int i = 0; i < columns.size(); i++) {
                        if (!ReplicaDocuments.isDocument(scopeClass, columns.get(i))) {
                            row.put(columns.get(i), rows.getString("data_" + i));
                            continue;
                        }
                        Document document = ReplicaDocuments.read(rows, i);
                        if (document != null) {
                            documents.put(columns.get(i), document);
                        }
                    }
                    long destId = rows.getLong("dest_id");
                    Long dest = rows.wasNull() || destId == 0 ? null : destId;
                    return new Replica(rows.getLong("id"), rows.getString("status"), dest, rows.getString("dest_class"),
                            rows.getObject("last_seen", LocalDateTime.class), rows.getBoolean("creator"),
                            rows.getString("last_error"), rows.getString("primary_key"), row, documents);
                })
                .list();
    }

    /** Applies a new, modified or warned replica (job 2). */
    public void apply(Replica replica) {
        if (replica.status().equals("new")) {
            applyNew(replica);
        } else {
            applyExisting(replica);
        }
    }

    /**
     * Applies a batch of new, modified and warned replicas (job 2), in id order: set-based for
     * most, one by one for the others (see the class comment).
     */
    public void applyAll(List<Replica> replicas) {
        if (batch == null) {
            replicas.forEach(this::apply);
            return;
        }
        long start = System.nanoTime();
        List<Plan> plans = new ArrayList<>();
        List<Replica> oneByOne = new ArrayList<>();
        for (Replica replica : replicas) {
            Plan plan = plan(replica);
            if (plan == null) {
                oneByOne.add(replica);
            } else {
                plans.add(plan);
            }
        }
        long planned = System.nanoTime();
        planNanos += planned - start;
        if (!plans.isEmpty()) {
            batch.prepare();
            handle.savepoint(BATCH_SAVEPOINT);
            try {
                BatchResult result = applySetBased(plans);
                handle.release(BATCH_SAVEPOINT);
                result.counters().forEach(log::increment);
                oneByOne.addAll(result.deferred());
            } catch (JdbiException | StoreException | IllegalArgumentException e) {
                handle.rollbackToSavepoint(BATCH_SAVEPOINT);
                LOG.warn("Data source {}: the set-based write of {} replicas from id {} failed ({}); applying them"
                        + " one by one", source.id(), plans.size(), plans.get(0).replica().id(), reason(e));
                plans.forEach(plan -> oneByOne.add(plan.replica()));
            }
        }
        long written = System.nanoTime();
        setBasedNanos += written - planned;
        oneByOne.sort(java.util.Comparator.comparingLong(Replica::id));
        oneByOne.forEach(this::apply);
        oneByOneNanos += System.nanoTime() - written;
        oneByOneCount += oneByOne.size();
    }

    /**
     * The data the set-based path writes for one replica. It has the reconciliation keys as text (new
     * replicas only), the values in the order of the batch's columns with whether each is given,
     * the warnings, and whether the mandatory values allow a creation and an update.
     */
    private record Plan(Replica replica, List<String> keys, List<String> keyTexts, List<Object> values,
            List<Boolean> given, List<String> warnings, boolean creatable, boolean updatable) {

        boolean isNew() {
            return replica.status().equals("new");
        }
    }

    /** The outcome of the set-based part of a batch: counters to add, replicas left to the per-replica path. */
    private record BatchResult(List<String> counters, List<Replica> deferred) {
    }

    /** A replica's bookkeeping as {@link #saveReplica} writes it. */
    private record Outcome(Replica replica, String status, Long destId, String destClass, boolean creator,
            String error, List<String> warnings, boolean created, boolean modified) {
    }

    /** Computes what a replica writes, or returns null when it must take the per-replica path. */
    private Plan plan(Replica replica) {
        List<String> keys = new ArrayList<>();
        List<String> keyTexts = new ArrayList<>();
        boolean isNew = replica.status().equals("new");
        if (isNew && source.reconciliationPolicy().equals("use_primary_key")) {
            String key = replica.primaryKey();
            if (key == null) {
                return null;
            }
            keys.add(key.strip().matches("[0-9]{1,18}") ? key.strip() : "0");
            keyTexts.add("primary_key=" + key);
        } else if (isNew) {
            ClassTable table = mapping.table(source.scopeClass());
            for (SynchroAttributeDef attribute : source.attributes()) {
                if (!attribute.reconcile()) {
                    continue;
                }
                Object value = reconciliationValue(replica, attribute, replica.values().get(attribute.attCode()));
                String text = io.github.itopdata.core.store.internal.SqlText.render(value);
                // An empty value of a non-text key fails its cast: the per-replica path reports it.
                if (value == null || text.isEmpty() && !table.requireColumn(attribute.attCode()).isText()) {
                    return null;
                }
                keys.add(text);
                keyTexts.add(attribute.attCode() + "=" + value);
            }
        } else if (replica.destId() == null) {
            return null;
        }

        Map<String, Object> row = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        ClassTable table = mapping.table(source.scopeClass());
        for (SynchroAttributeDef attribute : source.attributes()) {
            Optional<AttributeDef> definition = scopeClass.attribute(attribute.attCode());
            if (!attribute.update() || definition.isEmpty() || definition.get().isReadOnly()) {
                continue;
            }
            if (definition.get().type().isDocument()) {
                if (!ReplicaValues.resolveDocument(replica.documents().get(attribute.attCode())).ignored()) {
                    return null;
                }
                continue;
            }
            String text = replica.values().get(attribute.attCode());
            if (definition.get().type() == io.github.itopdata.core.model.AttributeType.LINKED_SET_INDIRECT) {
                // NOTE: linked sets are written one replica at a time, so a replica with one goes that way.
                if (text != null) {
                    return null;
                }
                continue;
            }
            ReplicaValues.Resolved resolved;
            try {
                resolved = values.resolve(handle, definition.get(), attribute, text, replica.primaryKey());
            } catch (InvalidReplicaValueException e) {
                return null;
            }
            if (resolved.warning() != null) {
                warnings.add(resolved.warning());
            }
            if (!resolved.ignored() && table.isStored(attribute.attCode())) {
                row.put(attribute.attCode(), resolved.value());
            }
        }
        List<Object> rowValues = new ArrayList<>();
        List<Boolean> given = new ArrayList<>();
        for (ReplicaBatch.Column column : batch.columns()) {
            String code = column.attribute().attCode();
            given.add(row.containsKey(code));
            rowValues.add(row.get(code));
        }
        return new Plan(replica, keys, keyTexts, rowValues, given, warnings,
                !scopeClass.isAbstract() && passesMandatoryCheck(row, true), passesMandatoryCheck(row, false));
    }

    private boolean passesMandatoryCheck(Map<String, Object> row, boolean creation) {
        try {
            checkMandatory(row, creation);
            return true;
        } catch (WriteFailure e) {
            return false;
        }
    }

    /** The action of the set-based path for a replica: {@code create}, or {@code update} of an object. */
    private record Decision(Plan plan, String action, Long objectId, String objectClass) {
    }

    /**
     * Loads the planned replicas into the batch table, reconciles the new ones, decides each
     * replica's action, writes the objects and saves the replicas. Replicas whose outcome needs
     * the per-replica path are returned as deferred, untouched.
     */
    private BatchResult applySetBased(List<Plan> plans) {
        List<ReplicaBatch.Row> rows = new ArrayList<>();
        for (Plan plan : plans) {
            rows.add(new ReplicaBatch.Row(plan.replica().id(), plan.isNew(), plan.replica().destId(),
                    plan.isNew() ? plan.keys() : java.util.Collections.nCopies(batchKeyCount(), null), plan.values(),
                    plan.given()));
        }
        batch.load(rows);
        Map<Long, ReplicaBatch.Match> matches = new java.util.HashMap<>();
        if (plans.stream().anyMatch(Plan::isNew)) {
            batch.reconcile().forEach(match -> matches.put(match.replicaId(), match));
        }
        long deciding = System.nanoTime();
        Map<Long, String> existing = plans.stream().allMatch(Plan::isNew) ? Map.of() : batch.existingObjects();

        List<Replica> deferred = new ArrayList<>();
        List<Outcome> outcomes = new ArrayList<>();
        List<String> counters = new ArrayList<>();
        List<Decision> decisions = decide(plans, matches, existing, deferred, outcomes, counters);
        java.util.Set<Long> locked = lockedObjects(decisions);
        if (!locked.isEmpty()) {
            // The per-replica path checks each locked attribute and reports the replica's error.
            List<Decision> free = new ArrayList<>();
            for (Decision decision : decisions) {
                if (decision.action().equals("update") && locked.contains(decision.objectId())) {
                    deferred.add(decision.plan().replica());
                } else {
                    free.add(decision);
                }
            }
            decisions = free;
        }

        Map<Long, Long> createdIds = Map.of();
        Map<Long, Integer> changes = Map.of();
        if (!decisions.isEmpty()) {
            batch.decide(decisions.stream().map(d -> d.plan().replica().id()).toList(),
                    decisions.stream().map(Decision::action).toList(),
                    decisions.stream().map(Decision::objectId).toList(),
                    decisions.stream().map(Decision::objectClass).toList());
            decideNanos += System.nanoTime() - deciding;
            if (!uniqueness.isEmpty() && clashesBeforeWrite()) {
                // Applied one at a time, a replica finds the objects as earlier replicas left them.
                throw new StoreException("A uniqueness rule of " + scopeClass.name() + " depends on the order of the"
                        + " batch's writes");
            }
            if (decisions.stream().anyMatch(d -> d.action().equals("create"))) {
                createdIds = batch.insertNew(change);
            }
            if (decisions.stream().anyMatch(d -> d.action().equals("update"))) {
                changes = batch.updateMatched(change);
            }
            if (!uniqueness.isEmpty()) {
                // A clash makes the caller roll the batch back and apply it one replica at a time,
                // which checks each object before writing it and names the rule in the error.
                List<Long> written = new ArrayList<>(createdIds.values());
                decisions.stream().filter(d -> d.action().equals("update")).forEach(d -> written.add(d.objectId()));
                if (clashes(written)) {
                    throw new StoreException("A uniqueness rule of " + scopeClass.name() + " is not respected by the"
                            + " batch");
                }
            }
        }
        long saving = System.nanoTime();
        for (Decision decision : decisions) {
            outcomes.add(outcomeOf(decision, createdIds, changes, counters));
        }
        saveReplicas(outcomes);
        saveNanos += System.nanoTime() - saving;
        return new BatchResult(counters, deferred);
    }

    private boolean clashesBeforeWrite() {
        try {
            return uniqueness.anyClashBeforeWrite(handle, ReplicaBatch.TABLE, batch::columnIndex);
        } catch (SQLException e) {
            throw new StoreException("Checking the uniqueness rules failed: " + e.getMessage(), e);
        }
    }

    private boolean clashes(List<Long> written) {
        try {
            return uniqueness.anyClash(handle, written, false).isPresent();
        } catch (SQLException e) {
            throw new StoreException("Checking the uniqueness rules failed: " + e.getMessage(), e);
        }
    }

    /**
     * Rejects a write whose object would break a blocking uniqueness rule of the class.
     *
     * @param current the object before the update, or null for a creation
     */
    private void checkUniqueness(StoredObject current, Map<String, Object> row) {
        if (uniqueness.isEmpty()) {
            return;
        }
        Map<String, Object> values = new java.util.HashMap<>();
        if (current != null) {
            values.putAll(current.values());
        }
        values.putAll(row);
        Optional<String> violation;
        try {
            violation = uniqueness.violation(handle, current == null ? null : current.id(), values);
        } catch (SQLException e) {
            throw new StoreException("Checking the uniqueness rules failed: " + e.getMessage(), e);
        }
        if (violation.isPresent()) {
            throw new WriteFailure(violation.get());
        }
    }

    /** Returns the objects that the batch updates and on which another data source locks attributes. */
    private java.util.Set<Long> lockedObjects(List<Decision> decisions) {
        List<Long> ids = decisions.stream().filter(d -> d.action().equals("update")).map(Decision::objectId).toList();
        try {
            return locks.locked(handle, source.scopeClass(), ids, source.id()).keySet();
        } catch (SQLException e) {
            throw new StoreException("Reading the locks of other data sources failed: " + e.getMessage(), e);
        }
    }

    /**
     * Rejects a write that changes an attribute another data source locks on the object: the
     * replica then fails with the lock's message, and nothing of the object is saved.
     */
    private void checkLocks(StoredObject current, Map<String, Object> row) {
        Map<String, String> locked;
        try {
            locked = locks.locked(handle, source.scopeClass(), List.of(current.id()), source.id())
                    .getOrDefault(current.id(), Map.of());
        } catch (SQLException e) {
            throw new StoreException("Reading the locks of other data sources failed: " + e.getMessage(), e);
        }
        for (Map.Entry<String, String> lock : locked.entrySet()) {
            if (!row.containsKey(lock.getKey())) {
                continue;
            }
            Object old = current.values().get(lock.getKey());
            Object value = row.get(lock.getKey());
            if (!sameValue(old, value)) {
                throw new WriteFailure(SynchroLocks.lockedMessage(lock.getKey(), old == null ? "" : old.toString(),
                        value == null ? "" : value.toString(), lock.getValue()));
            }
        }
    }

    private static boolean sameValue(Object old, Object value) {
        if (old instanceof Document || value instanceof Document) {
            return java.util.Objects.equals(old, value);
        }
        if (old instanceof java.math.BigDecimal a && value instanceof java.math.BigDecimal b) {
            return a.compareTo(b) == 0;
        }
        if (old instanceof Number a && value instanceof Number b) {
            return a.longValue() == b.longValue();
        }
        String left = old == null ? "" : old.toString();
        String right = value == null ? "" : value.toString();
        return left.equals(right);
    }

    /**
     * Decides, in id order, what each planned replica does. A reconciliation error becomes an
     * outcome at once, and a replica the set-based path cannot apply goes to {@code deferred}.
     */
    private List<Decision> decide(List<Plan> plans, Map<Long, ReplicaBatch.Match> matches, Map<Long, String> existing,
            List<Replica> deferred, List<Outcome> outcomes, List<String> counters) {
        List<Decision> decisions = new ArrayList<>();
        java.util.Set<Long> targets = new java.util.HashSet<>();
        for (Plan plan : plans) {
            Replica replica = plan.replica();
            if (!plan.isNew()) {
                String objectClass = existing.get(replica.id());
                // The object is claimed even when the replica is deferred, so later ones on it are deferred too.
                if (objectClass == null || !targets.add(replica.destId()) | !plan.updatable()) {
                    deferred.add(replica);
                } else {
                    decisions.add(new Decision(plan, "update", replica.destId(), objectClass));
                }
                continue;
            }

            ReplicaBatch.Match match = matches.get(replica.id());
            if (match.rank() > 1) {
                deferred.add(replica);
                continue;
            }
            long count = match.count();
            boolean create = count == 0 || count > 1 && source.actionOnMultiple().equals("create");
            String error = null;
            if (count == 0 && source.actionOnZero().equals("error")) {
                error = "Could not find a match for reconciliation";
            } else if (!create && count == 1 && source.actionOnOne().equals("error")) {
                error = "Found a match while expecting several";
            } else if (!create && count > 1 && source.actionOnMultiple().equals("error")) {
                error = count + " destination objects match the reconciliation criterias: "
                        + String.join(" AND ", plan.keyTexts());
            }
            if (error != null) {
                counters.add("stats_nb_replica_reconciled_errors");
                outcomes.add(new Outcome(replica, "new", null, null, false, error, List.of(), false, false));
            } else if (create && plan.creatable()) {
                decisions.add(new Decision(plan, "create", null, null));
            } else if (create) {
                deferred.add(replica);
            } else if (!targets.add(match.firstId()) | !plan.updatable()) {
                deferred.add(replica);
            } else {
                decisions.add(new Decision(plan, "update", match.firstId(), match.firstClass()));
            }
        }
        return decisions;
    }

    /** Returns the bookkeeping of a replica written set-based, and adds its counters. */
    private Outcome outcomeOf(Decision decision, Map<Long, Long> createdIds, Map<Long, Integer> changes,
            List<String> counters) {
        Plan plan = decision.plan();
        Replica replica = plan.replica();
        boolean warned = !plan.warnings().isEmpty();
        if (decision.action().equals("create")) {
            counters.add("stats_nb_obj_created");
            if (warned) {
                counters.add("stats_nb_obj_created_warnings");
            }
            return new Outcome(replica, "synchronized", createdIds.get(replica.id()), source.scopeClass(), true, "",
                    plan.warnings(), true, true);
        }
        boolean changed = changes.getOrDefault(replica.id(), 0) > 0;
        if (plan.isNew()) {
            counters.add(changed ? "stats_nb_obj_new_updated" : "stats_nb_obj_new_unchanged");
            if (warned) {
                counters.add(changed ? "stats_nb_obj_new_updated_warnings" : "stats_nb_obj_new_unchanged_warnings");
            }
            return new Outcome(replica, "synchronized", decision.objectId(), decision.objectClass(), false, "",
                    plan.warnings(), false, changed);
        }
        if (changed) {
            counters.add("stats_nb_obj_updated");
        }
        if (warned) {
            counters.add(changed ? "stats_nb_obj_updated_warnings" : "stats_nb_obj_unchanged_warnings");
        }
        return new Outcome(replica, "synchronized", replica.destId(), decision.objectClass(), replica.destCreator(), "",
                plan.warnings(), false, changed);
    }

    private int batchKeyCount() {
        return source.reconciliationPolicy().equals("use_primary_key") ? 1
                : (int) source.attributes().stream().filter(SynchroAttributeDef::reconcile).count();
    }

    /** Saves the bookkeeping of many replicas with one statement, as {@link #saveReplica} does for one. */
    private void saveReplicas(List<Outcome> outcomes) {
        if (outcomes.isEmpty()) {
            return;
        }
        int size = outcomes.size();
        Long[] ids = new Long[size];
        String[] seen = new String[size];
        String[] statuses = new String[size];
        Long[] destIds = new Long[size];
        String[] destClasses = new String[size];
        String[] creators = new String[size];
        String[] errors = new String[size];
        String[] warnings = new String[size];
        String[] created = new String[size];
        String[] modified = new String[size];
        for (int i = 0; i < size; i++) {
            Outcome outcome = outcomes.get(i);
            ids[i] = outcome.replica().id();
            seen[i] = outcome.replica().lastSeen() == null ? null : outcome.replica().lastSeen().toString();
            statuses[i] = outcome.status();
            destIds[i] = outcome.destId();
            destClasses[i] = outcome.destClass() == null ? "" : outcome.destClass();
            creators[i] = Boolean.toString(outcome.creator());
            errors[i] = truncateError(outcome.error());
            warnings[i] = joinWarnings(outcome.warnings());
            keepLongMessages(outcome.replica(), outcome.error(), outcome.warnings());
            if (outcome.error() != null && !outcome.error().isEmpty()) {
                log.trace(outcome.replica().id(), outcome.destClass(), outcome.destId(), outcome.error());
            }
            created[i] = Boolean.toString(outcome.created());
            modified[i] = Boolean.toString(outcome.modified());
        }
        String status = tables.replica("status");
        String creation = tables.replica("info_creation_date");
        String modification = tables.replica("info_last_modified");
        handle.createUpdate("UPDATE " + tables.replicas() + " r SET "
                        + status + " = CASE WHEN r." + tables.replica("status_last_seen") + " > u.seen THEN r." + status
                        + " ELSE u.status END, "
                        + tables.replica("dest_id") + " = u.dest_id, " + tables.replica("dest_class") + " = u.dest_class, "
                        + tables.replica("status_dest_creator") + " = u.creator, "
                        + tables.replica("status_last_error") + " = u.error, "
                        + tables.replica("status_last_warning") + " = u.warning, "
                        + creation + " = CASE WHEN u.created THEN statement_timestamp() ELSE r." + creation + " END, "
                        + modification + " = CASE WHEN u.modified THEN statement_timestamp() ELSE r." + modification
                        + " END FROM unnest(CAST(:ids AS bigint[]), CAST(:seen AS timestamp[]), CAST(:statuses AS text[]),"
                        + " CAST(:destIds AS bigint[]), CAST(:destClasses AS text[]), CAST(:creators AS boolean[]),"
                        + " CAST(:errors AS text[]), CAST(:warnings AS text[]), CAST(:created AS boolean[]),"
                        + " CAST(:modified AS boolean[])) AS u(id, seen, status, dest_id, dest_class, creator, error,"
                        + " warning, created, modified) WHERE r.id = u.id")
                .bind("ids", ids).bind("seen", seen).bind("statuses", statuses).bind("destIds", destIds)
                .bind("destClasses", destClasses).bind("creators", creators).bind("errors", errors)
                .bind("warnings", warnings).bind("created", created).bind("modified", modified)
                .execute();
        flushLongMessages();
    }

    private void applyNew(Replica replica) {
        Map<String, Object> keys = new LinkedHashMap<>();
        List<String> keyTexts = new ArrayList<>();
        if (source.reconciliationPolicy().equals("use_primary_key")) {
            String key = replica.primaryKey();
            if (key == null) {
                failNew(replica, null, "Could not reconcile on null value for attribute 'primary_key'");
                return;
            }
            keys.put("id", key.strip().matches("[0-9]{1,18}") ? key.strip() : "0");
            keyTexts.add("primary_key=" + key);
        } else {
            for (SynchroAttributeDef attribute : source.attributes()) {
                if (!attribute.reconcile()) {
                    continue;
                }
                String text = replica.values().get(attribute.attCode());
                Object value = reconciliationValue(replica, attribute, text);
                if (value == null) {
                    failNew(replica, null, "Could not reconcile on null value for attribute '" + attribute.attCode() + "'");
                    return;
                }
                keys.put(attribute.attCode(), value);
                keyTexts.add(attribute.attCode() + "=" + value);
            }
        }

        List<StoredObject> matches;
        try {
            matches = store.findByKey(handle, source.scopeClass(), keys);
        } catch (JdbiException e) {
            failNew(replica, null, "Could not reconcile: " + reason(e));
            return;
        }
        int count = matches.size();
        if (count == 0 && source.actionOnZero().equals("error")) {
            failNew(replica, null, "Could not find a match for reconciliation");
        } else if (count == 0 || count > 1 && source.actionOnMultiple().equals("create")) {
            create(replica);
        } else if (count == 1 && source.actionOnOne().equals("error")) {
            failNew(replica, null, "Found a match while expecting several");
        } else if (count > 1 && source.actionOnMultiple().equals("error")) {
            failNew(replica, null, count + " destination objects match the reconciliation criterias: "
                    + String.join(" AND ", keyTexts));
        } else {
            StoredObject match = matches.get(0);
            updateMatch(replica, match);
        }
    }

    private Object reconciliationValue(Replica replica, SynchroAttributeDef attribute, String text) {
        if (text == null) {
            return null;
        }
        AttributeDef definition = scopeClass.attribute(attribute.attCode()).orElseThrow();
        try {
            ReplicaValues.Resolved resolved = values.resolve(handle, definition, attribute, text, replica.primaryKey());
            if (resolved.ignored()) {
                return null;
            }
            if (resolved.value() == null && definition.type().isExternalKey()) {
                return text.isEmpty() ? null : ReplicaValues.unmatchedKey();
            }
            return resolved.value() == null ? "" : resolved.value();
        } catch (InvalidReplicaValueException e) {
            return ReplicaValues.unmatchedKey();
        }
    }

    private void create(Replica replica) {
        List<String> warnings = new ArrayList<>();
        String savepoint = "replica_" + replica.id();
        handle.savepoint(savepoint);
        try {
            if (scopeClass.isAbstract()) {
                throw new WriteFailure("the class " + scopeClass.name() + " is abstract");
            }
            List<LinkSets.Links> links = new ArrayList<>();
            Map<String, Object> row = writableValues(replica, null, warnings, links);
            checkMandatory(row, true);
            checkUniqueness(null, row);
            long id = store.create(handle, change, source.scopeClass(), row);
            for (LinkSets.Links linkSet : links) {
                linkSets.replace(handle, store, change, id, linkSet);
            }
            handle.release(savepoint);
            saveReplica(replica, "synchronized", id, source.scopeClass(), true, "", warnings, true, true);
            log.increment("stats_nb_obj_created");
            if (!warnings.isEmpty()) {
                log.increment("stats_nb_obj_created_warnings");
            }
        } catch (WriteFailure | InvalidReplicaValueException | JdbiException | StoreException | IllegalArgumentException e) {
            handle.rollbackToSavepoint(savepoint);
            log.increment("stats_nb_obj_created_errors");
            // The error wins over the warnings, which are cleared, but it quotes them: a key value
            // that found no object often explains a missing mandatory value.
            String explained = warnings.isEmpty() ? "" : " (" + String.join("; ", warnings) + ")";
            saveReplica(replica, "new", null, null, false, "Unable to create destination object: " + reason(e)
                    + explained, List.of(), false, false);
        }
    }

    private void updateMatch(Replica replica, StoredObject match) {
        List<String> warnings = new ArrayList<>();
        String savepoint = "replica_" + replica.id();
        handle.savepoint(savepoint);
        try {
            List<LinkSets.Links> links = new ArrayList<>();
            Map<String, Object> row = writableValues(replica, match, warnings, links);
            checkMandatory(row, false);
            checkLocks(match, row);
            checkUniqueness(match, row);
            int changed = store.update(handle, change, match.finalClass(), match.id(), row);
            for (LinkSets.Links linkSet : links) {
                changed += linkSets.replace(handle, store, change, match.id(), linkSet);
            }
            handle.release(savepoint);
            saveReplica(replica, "synchronized", match.id(), match.finalClass(), false, "", warnings, false, changed > 0);
            log.increment(changed > 0 ? "stats_nb_obj_new_updated" : "stats_nb_obj_new_unchanged");
            if (!warnings.isEmpty()) {
                log.increment(changed > 0 ? "stats_nb_obj_new_updated_warnings" : "stats_nb_obj_new_unchanged_warnings");
            }
        } catch (WriteFailure | InvalidReplicaValueException | JdbiException | StoreException | IllegalArgumentException e) {
            handle.rollbackToSavepoint(savepoint);
            log.increment("stats_nb_replica_reconciled_errors");
            saveReplica(replica, "new", match.id(), match.finalClass(), false,
                    "Unable to update destination object: " + reason(e), warnings, false, false);
        }
    }

    private void applyExisting(Replica replica) {
        String destClass = replica.destClass() == null || replica.destClass().isEmpty() ? source.scopeClass()
                : replica.destClass();
        Optional<StoredObject> object = replica.destId() == null ? Optional.empty()
                : store.read(handle, destClass, replica.destId());
        if (object.isEmpty()) {
            log.increment("stats_nb_obj_updated_errors");
            saveReplica(replica, "orphan", replica.destId(), replica.destClass(), replica.destCreator(),
                    "Destination object deleted unexpectedly", List.of(), false, false);
            return;
        }
        List<String> warnings = new ArrayList<>();
        String savepoint = "replica_" + replica.id();
        handle.savepoint(savepoint);
        try {
            List<LinkSets.Links> links = new ArrayList<>();
            Map<String, Object> row = writableValues(replica, object.get(), warnings, links);
            checkMandatory(row, false);
            checkLocks(object.get(), row);
            checkUniqueness(object.get(), row);
            int changed = store.update(handle, change, object.get().finalClass(), object.get().id(), row);
            for (LinkSets.Links linkSet : links) {
                changed += linkSets.replace(handle, store, change, object.get().id(), linkSet);
            }
            handle.release(savepoint);
            saveReplica(replica, "synchronized", replica.destId(), object.get().finalClass(), replica.destCreator(), "",
                    warnings, false, changed > 0);
            if (changed > 0) {
                log.increment("stats_nb_obj_updated");
            }
            if (!warnings.isEmpty()) {
                log.increment(changed > 0 ? "stats_nb_obj_updated_warnings" : "stats_nb_obj_unchanged_warnings");
            }
        } catch (WriteFailure | InvalidReplicaValueException | JdbiException | StoreException | IllegalArgumentException e) {
            handle.rollbackToSavepoint(savepoint);
            log.increment("stats_nb_obj_updated_errors");
            saveReplica(replica, replica.status(), replica.destId(), replica.destClass(), replica.destCreator(),
                    "Unable to update destination object: " + reason(e), warnings, false, false);
        }
    }

    /**
     * Computes the values to write: the attributes flagged {@code update} whose column is not
     * NULL, except {@code write_if_empty} ones whose current value is not empty.
     */
    private Map<String, Object> writableValues(Replica replica, StoredObject current, List<String> warnings,
            List<LinkSets.Links> linkValues) {
        Map<String, Object> row = new LinkedHashMap<>();
        ClassTable table = mapping.table(source.scopeClass());
        for (SynchroAttributeDef attribute : source.attributes()) {
            if (!attribute.update()) {
                continue;
            }
            Optional<AttributeDef> definition = scopeClass.attribute(attribute.attCode());
            if (definition.isEmpty() || definition.get().isReadOnly()) {
                continue;
            }
            ReplicaValues.Resolved resolved = definition.get().type().isDocument()
                    ? ReplicaValues.resolveDocument(replica.documents().get(attribute.attCode()))
                    : values.resolve(handle, definition.get(), attribute, replica.values().get(attribute.attCode()),
                            replica.primaryKey());
            if (resolved.warning() != null) {
                warnings.add(resolved.warning());
            }
            if (resolved.ignored()) {
                continue;
            }
            if (resolved.value() instanceof LinkSets.Links links) {
                if (current == null || !attribute.updatePolicy().equals("write_if_empty")
                        || store.findByKey(handle, definition.get().linkedClass().orElseThrow(),
                                Map.of(definition.get().extKeyToMe().orElseThrow(), current.id())).isEmpty()) {
                    linkValues.add(links);
                }
                continue;
            }
            if (!table.isStored(attribute.attCode())) {
                continue;
            }
            if (current != null && attribute.updatePolicy().equals("write_if_empty")
                    && !isEmpty(current.values().get(attribute.attCode()))) {
                continue;
            }
            row.put(attribute.attCode(), resolved.value());
        }
        return row;
    }

    private static boolean isEmpty(Object value) {
        return value == null || value instanceof String text && text.isEmpty()
                || value instanceof Document document && document.isEmpty()
                || value instanceof Number number && number.longValue() == 0;
    }

    private void checkMandatory(Map<String, Object> row, boolean creation) {
        ClassTable table = mapping.table(source.scopeClass());
        for (ColumnMapping column : table.writableColumns()) {
            AttributeDef attribute = scopeClass.attribute(column.attCode()).orElseThrow();
            if (attribute.isNullable() || attribute.isReadOnly()) {
                continue;
            }
            boolean given = row.containsKey(column.attCode());
            Object value = row.get(column.attCode());
            boolean missing = given ? isEmpty(value) && !(value instanceof Number number && number.longValue() == 0
                    && !attribute.type().isExternalKey())
                    : creation && attribute.defaultValue().isEmpty();
            if (missing) {
                throw new WriteFailure("missing mandatory value for '" + column.attCode() + "'");
            }
        }
    }

    /**
     * Applies the update rules of the delete policy to a batch of replicas no longer seen (job 1):
     * set-based for the replicas whose object exists, one by one for the others and for a batch
     * whose set-based statements fail.
     */
    public void obsoleteAll(List<Replica> replicas, UpdateRules rules) {
        Map<String, List<Replica>> byClass = new LinkedHashMap<>();
        List<Replica> oneByOne = new ArrayList<>();
        for (Replica replica : replicas) {
            if (replica.destId() == null) {
                oneByOne.add(replica);
            } else {
                byClass.computeIfAbsent(destClassOf(replica), c -> new ArrayList<>()).add(replica);
            }
        }
        for (Map.Entry<String, List<Replica>> group : byClass.entrySet()) {
            handle.savepoint(BATCH_SAVEPOINT);
            try {
                Map<String, Object> row = ruleValues(group.getKey(), rules);
                List<Long> ids = group.getValue().stream().map(Replica::destId).toList();
                Map<Long, Integer> found = store.updateAll(handle, change, group.getKey(), ids, row);
                List<Outcome> outcomes = new ArrayList<>();
                for (Replica replica : group.getValue()) {
                    if (found.containsKey(replica.destId())) {
                        outcomes.add(new Outcome(replica, "obsolete", replica.destId(), replica.destClass(),
                                replica.destCreator(), "", List.of(), false, true));
                    } else {
                        oneByOne.add(replica);
                    }
                }
                saveReplicas(outcomes);
                handle.release(BATCH_SAVEPOINT);
                outcomes.forEach(outcome -> log.increment("stats_nb_obj_obsoleted"));
            } catch (WriteFailure | JdbiException | StoreException | IllegalArgumentException e) {
                handle.rollbackToSavepoint(BATCH_SAVEPOINT);
                LOG.debug("Data source {}: the set-based obsolescence of {} replicas failed ({}); applying them one"
                        + " by one", source.id(), group.getValue().size(), reason(e));
                oneByOne.addAll(group.getValue());
            }
        }
        oneByOne.sort(java.util.Comparator.comparingLong(Replica::id));
        oneByOne.forEach(replica -> obsolete(replica, rules));
    }

    private String destClassOf(Replica replica) {
        return replica.destClass() == null || replica.destClass().isEmpty() ? source.scopeClass()
                : replica.destClass();
    }

    /** Converts the update rules of the delete policy for a class, as {@link #obsolete} does. */
    private Map<String, Object> ruleValues(String destClass, UpdateRules rules) {
        ModelClass modelClass = mapping.model().get(destClass);
        ValueConverter converter = new ValueConverter(false, "");
        Map<String, Object> row = new LinkedHashMap<>();
        for (Map.Entry<String, String> rule : rules.values().entrySet()) {
            AttributeDef attribute = modelClass.attribute(rule.getKey())
                    .orElseThrow(() -> new WriteFailure("Unknown attribute code '" + rule.getKey() + "'"));
            CellConversion converted = converter.convert(attribute, rule.getValue());
            if (!converted.isValid()) {
                throw new WriteFailure(converted.error());
            }
            row.put(rule.getKey(), converted.value());
        }
        return row;
    }

    /** Applies the update rules of the delete policy to a replica no longer seen (job 1). */
    public void obsolete(Replica replica, UpdateRules rules) {
        if (replica.destId() == null) {
            log.increment("stats_nb_replica_disappeared_no_action");
            saveReplica(replica, "obsolete", null, replica.destClass(), replica.destCreator(), "", List.of(), false,
                    false);
            return;
        }
        String destClass = destClassOf(replica);
        String savepoint = "replica_" + replica.id();
        handle.savepoint(savepoint);
        try {
            Map<String, Object> row = ruleValues(destClass, rules);
            if (store.read(handle, destClass, replica.destId()).isEmpty()) {
                throw new WriteFailure("the object " + destClass + "::" + replica.destId() + " no longer exists");
            }
            store.update(handle, change, destClass, replica.destId(), row);
            handle.release(savepoint);
            log.increment("stats_nb_obj_obsoleted");
            saveReplica(replica, "obsolete", replica.destId(), replica.destClass(), replica.destCreator(), "", List.of(),
                    false, true);
        } catch (WriteFailure | JdbiException | IllegalArgumentException e) {
            handle.rollbackToSavepoint(savepoint);
            log.increment("stats_nb_obj_obsoleted_errors");
            saveReplica(replica, replica.status(), replica.destId(), replica.destClass(), replica.destCreator(),
                    "Unable to update the destination object: " + reason(e), List.of(), false, false);
        }
    }

    /**
     * Deletes the destinations of a batch of replicas (job 1 under the delete policy
     * {@code delete}, job 3) as {@link #deleteDestination} does for one: the data rows of
     * replicas that did not create their object go with one statement, and the objects of each
     * class that the deletion rules allow with a few more. A replica whose object the rules keep
     * gets the reasons as its error. A class whose statements fail is deleted one replica at a
     * time, which reports each failure.
     */
    public void deleteDestinations(List<Replica> replicas) {
        List<Long> rowsOnly = new ArrayList<>();
        Map<String, List<Replica>> byClass = new LinkedHashMap<>();
        for (Replica replica : replicas) {
            if (!replica.destCreator() || replica.destId() == null) {
                rowsOnly.add(replica.id());
            } else {
                byClass.computeIfAbsent(destClassOf(replica), c -> new ArrayList<>()).add(replica);
            }
        }
        deleteRows(rowsOnly);
        rowsOnly.forEach(id -> log.increment("stats_nb_replica_disappeared_no_action"));
        List<Replica> oneByOne = new ArrayList<>();
        for (Map.Entry<String, List<Replica>> group : byClass.entrySet()) {
            handle.savepoint(BATCH_SAVEPOINT);
            try {
                Map<Long, String> rejected = store.deleteAllowed(handle, change, group.getKey(),
                        group.getValue().stream().map(Replica::destId).toList(),
                        plan -> deleteReplicasOf(plan.deletions()));
                List<Replica> deleted = group.getValue().stream().filter(r -> !rejected.containsKey(r.destId())).toList();
                deleteRows(deleted.stream().map(Replica::id).toList());
                handle.release(BATCH_SAVEPOINT);
                deleted.forEach(replica -> log.increment("stats_nb_obj_deleted"));
                for (Replica replica : group.getValue()) {
                    String reasons = rejected.get(replica.destId());
                    if (reasons != null) {
                        log.increment("stats_nb_obj_deleted_errors");
                        saveReplica(replica, "obsolete", replica.destId(), replica.destClass(), true,
                                "Unable to delete the destination object: " + reasons, List.of(), false, false);
                    }
                }
            } catch (JdbiException | StoreException | IllegalArgumentException e) {
                handle.rollbackToSavepoint(BATCH_SAVEPOINT);
                LOG.debug("Data source {}: the set-based deletion of {} {} objects failed ({}); deleting them one by"
                        + " one", source.id(), group.getValue().size(), group.getKey(), reason(e));
                oneByOne.addAll(group.getValue());
            }
        }
        oneByOne.sort(java.util.Comparator.comparingLong(Replica::id));
        oneByOne.forEach(this::deleteDestination);
    }

    /**
     * Deletes the object of a replica when the replica created it, then the replica and its data
     * row. A replica that did not create its object loses only itself and its row. The object
     * is deleted under the deletion rules of the data model. When they reject it, the replica
     * becomes obsolete with the reasons as its last error.
     *
     * <p>TODO: deletions (job 3, and job 1 under the delete policy {@code delete}) still cost
     * a few statements per replica; {@link ObjectStore#deleteAll} could delete a batch at once.
     */
    public void deleteDestination(Replica replica) {
        if (!replica.destCreator() || replica.destId() == null) {
            deleteRows(List.of(replica.id()));
            log.increment("stats_nb_replica_disappeared_no_action");
            return;
        }
        String destClass = replica.destClass() == null || replica.destClass().isEmpty() ? source.scopeClass()
                : replica.destClass();
        String savepoint = "replica_" + replica.id();
        handle.savepoint(savepoint);
        try {
            DeletionPlan plan = store.planDeletion(handle, destClass, List.of(replica.destId()));
            store.execute(handle, change, plan);
            deleteReplicasOf(plan.deletions());
            deleteRows(List.of(replica.id()));
            handle.release(savepoint);
            log.increment("stats_nb_obj_deleted");
        } catch (JdbiException | StoreException | IllegalArgumentException e) {
            handle.rollbackToSavepoint(savepoint);
            log.increment("stats_nb_obj_deleted_errors");
            saveReplica(replica, "obsolete", replica.destId(), replica.destClass(), true,
                    "Unable to delete the destination object: " + reason(e), List.of(), false, false);
        }
    }


    /**
     * Deletes the replicas of deleted objects, in every data source, with their data rows: a
     * source that sends such a row again gets a new replica, which reconciles or creates anew.
     */
    private void deleteReplicasOf(List<DeletionPlan.Deletion> deletions) {
        if (deletions.isEmpty()) {
            return;
        }
        Map<Long, List<Long>> replicasBySource = new LinkedHashMap<>();
        handle.createQuery("SELECT r.id, r." + tables.replica("sync_source_id") + " FROM " + tables.replicas()
                        + " r JOIN unnest(CAST(:classes AS text[]), CAST(:ids AS bigint[])) AS gone(class_name, id)"
                        + " ON r." + tables.replica("dest_id") + " = gone.id AND r." + tables.replica("dest_class")
                        + " = gone.class_name ORDER BY r.id")
                .bind("classes", deletions.stream().map(DeletionPlan.Deletion::className).toArray(String[]::new))
                .bind("ids", deletions.stream().map(DeletionPlan.Deletion::id).toArray(Long[]::new))
                .map((rows, context) -> Map.entry(rows.getLong(1), rows.getLong(2)))
                .forEach(replica -> replicasBySource.computeIfAbsent(replica.getValue(), id -> new ArrayList<>())
                        .add(replica.getKey()));
        for (Map.Entry<Long, List<Long>> replicas : replicasBySource.entrySet()) {
            String table = replicas.getKey() == source.id() ? source.databaseTableName()
                    : handle.createQuery("SELECT " + tables.source("database_table_name") + " FROM " + tables.sources()
                            + " WHERE id = :id").bind("id", replicas.getKey()).mapTo(String.class).findOne().orElse(null);
            Long[] ids = replicas.getValue().toArray(new Long[0]);
            if (table != null) {
                handle.createUpdate("DELETE FROM " + SchemaMapping.quote(table) + " WHERE id = ANY(:ids)")
                        .bind("ids", ids).execute();
            }
            // A replica whose data row is already gone is deleted on its own.
            handle.createUpdate("DELETE FROM " + tables.replicas() + " WHERE id = ANY(:ids)").bind("ids", ids).execute();
        }
    }

    /** Deletes data rows, and so their replicas, with one statement. */
    private void deleteRows(List<Long> ids) {
        if (!ids.isEmpty()) {
            handle.createUpdate("DELETE FROM " + dataTable + " WHERE id = ANY(:ids)")
                    .bind("ids", ids.toArray(new Long[0])).execute();
        }
    }

    private void failNew(Replica replica, Long destId, String error) {
        log.increment("stats_nb_replica_reconciled_errors");
        saveReplica(replica, "new", destId, null, false, error, List.of(), false, false);
    }

    /**
     * Saves a replica's bookkeeping. A row written after the run read it keeps the status its
     * trigger set, so the next run applies the newer values.
     */
    private void saveReplica(Replica replica, String status, Long destId, String destClass, boolean creator,
            String error, List<String> warnings, boolean created, boolean modified) {
        handle.createUpdate("UPDATE " + tables.replicas() + " SET "
                        + tables.replica("status") + " = CASE WHEN " + tables.replica("status_last_seen")
                        + " > :seen THEN " + tables.replica("status") + " ELSE :status END, "
                        + tables.replica("dest_id") + " = :dest, " + tables.replica("dest_class") + " = :destClass, "
                        + tables.replica("status_dest_creator") + " = :creator, "
                        + tables.replica("status_last_error") + " = :error, "
                        + tables.replica("status_last_warning") + " = :warning"
                        + (created ? ", " + tables.replica("info_creation_date") + " = statement_timestamp()" : "")
                        + (modified ? ", " + tables.replica("info_last_modified") + " = statement_timestamp()" : "")
                        + " WHERE id = :id")
                .bind("seen", replica.lastSeen()).bind("status", status).bind("dest", destId)
                .bind("destClass", destClass == null ? "" : destClass).bind("creator", creator)
                .bind("error", truncateError(error)).bind("warning", joinWarnings(warnings)).bind("id", replica.id())
                .execute();
        keepLongMessages(replica, error, warnings);
        flushLongMessages();
        if (error != null && !error.isEmpty()) {
            log.trace(replica.id(), destClass, destId, error);
        }
    }

    /**
     * Keeps the full text of an error or of joined warnings that the replica cannot hold (more
     * than 255 characters) for the run's log details, written by {@link #flushLongMessages}.
     */
    private void keepLongMessages(Replica replica, String error, List<String> warnings) {
        if (error != null && error.length() > MAX_MESSAGE) {
            longMessages.add(new LongMessage(replica.id(), replica.primaryKey(), "error", error));
        }
        String joined = fullWarnings(warnings);
        if (joined.length() > MAX_MESSAGE) {
            longMessages.add(new LongMessage(replica.id(), replica.primaryKey(), "warning", joined));
        }
    }

    /** Writes the kept full texts into {@code synchro_log_detail} under the run's log, in one statement. */
    private void flushLongMessages() {
        if (longMessages.isEmpty()) {
            return;
        }
        int size = longMessages.size();
        Long[] replicaIds = new Long[size];
        String[] keys = new String[size];
        String[] kinds = new String[size];
        String[] messages = new String[size];
        for (int i = 0; i < size; i++) {
            LongMessage entry = longMessages.get(i);
            replicaIds[i] = entry.replicaId();
            keys[i] = entry.primaryKey();
            kinds[i] = entry.kind();
            messages[i] = entry.message();
        }
        handle.createUpdate("INSERT INTO synchro_log_detail (log_id, replica_id, primary_key, kind, message)"
                        + " SELECT :log, * FROM unnest(CAST(:ids AS bigint[]), CAST(:keys AS text[]),"
                        + " CAST(:kinds AS text[]), CAST(:messages AS text[]))")
                .bind("log", log.id())
                .bind("ids", replicaIds).bind("keys", keys).bind("kinds", kinds).bind("messages", messages)
                .execute();
        longMessages.clear();
    }

    /** Cuts an error longer than 255 characters to its first 200, followed by its length. */
    static String truncateError(String error) {
        if (error.length() <= MAX_MESSAGE) {
            return error;
        }
        return error.substring(0, 200) + "...(" + error.length() + " chars)...";
    }

    /** Joins warnings as iTop stores them: one as is, several as {@code <n> warnings: w1 w2}, cut to 255. */
    static String joinWarnings(List<String> warnings) {
        String text = fullWarnings(warnings);
        return text.length() <= MAX_MESSAGE ? text : text.substring(0, MAX_MESSAGE - 3) + "...";
    }

    /** Joins warnings as {@link #joinWarnings} does, without cutting them. */
    private static String fullWarnings(List<String> warnings) {
        if (warnings.isEmpty()) {
            return "";
        }
        return warnings.size() == 1 ? warnings.get(0) : warnings.size() + " warnings: " + String.join(" ", warnings);
    }

    private static String reason(Exception e) {
        Throwable cause = e;
        while (cause.getCause() != null && !(cause instanceof SQLException)) {
            cause = cause.getCause();
        }
        if (cause instanceof org.postgresql.util.PSQLException psql && psql.getServerErrorMessage() != null) {
            return psql.getServerErrorMessage().getMessage();
        }
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }

    /** An object write refused by a check of the run (mandatory value, abstract class). */
    private static final class WriteFailure extends RuntimeException {
        WriteFailure(String message) {
            super(message);
        }
    }
}
