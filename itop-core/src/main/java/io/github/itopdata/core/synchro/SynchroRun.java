package io.github.itopdata.core.synchro;

import io.github.itopdata.core.auth.RightsChecker;
import io.github.itopdata.core.auth.ServiceRight;
import io.github.itopdata.core.auth.User;
import io.github.itopdata.core.model.AttributeDef;
import io.github.itopdata.core.model.ModelClass;
import io.github.itopdata.core.store.ChangeHistory;
import io.github.itopdata.core.store.ChangeOrigin;
import io.github.itopdata.core.store.ChangeSet;
import io.github.itopdata.core.store.ObjectStore;
import io.github.itopdata.core.store.SchemaMapping;
import io.github.itopdata.core.synchro.internal.ReplicaWriter;
import io.github.itopdata.core.synchro.internal.SynchroTables;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One synchronization run of a data source, in the session that holds the source's lock.
 *
 * <p>Phases: close the logs that crashed runs left {@code running}; open the log; check the
 * pre-conditions; compute the limit date once; job 1 handles replicas no longer seen under the
 * delete policy; job 2 applies new, modified and warned replicas; job 3 deletes the objects whose
 * retention expired. Objects and replicas are written in batches, each batch committed with the
 * log's counters and progress, so a crash loses at most one uncommitted batch and leaves objects
 * and replicas consistent.
 */
public final class SynchroRun {

    private static final Logger LOG = LoggerFactory.getLogger(SynchroRun.class);
    static final LocalDateTime EPOCH = LocalDateTime.of(1970, 1, 1, 0, 0);
    private static final String ACTIVE = "('new', 'synchronized', 'modified', 'orphan')";
    /** The maximum length of the trace text a log keeps, as in iTop's long-text field. */
    static final int MAX_TRACES = 65_535;

    private final SchemaMapping mapping;
    private final SynchroTables tables;
    private final SynchroSettings settings;

    public SynchroRun(SchemaMapping mapping, SynchroSettings settings) {
        this.mapping = mapping;
        this.tables = new SynchroTables(mapping);
        this.settings = settings;
    }

    /**
     * Runs the synchronization of a source through the locked session. The returned log has
     * status {@code completed}, or {@code error} with the reason when the run did not start or
     * aborted; a run that did not start keeps no log in the database.
     */
    public SynchroLog run(SourceLock lock, DataSource source, RunRequest request) {
        Handle handle = lock.handle();
        SynchroLog log = new SynchroLog();
        long started = System.nanoTime();
        if (!handle.isInTransaction()) {
            handle.begin();
        }
        closeStaleLogs(handle, source.id());
        if (!settings.traces().equals("none")) {
            log.enableTraces();
        }
        log.trace("###### STARTING SYNCHRONIZATION #####");
        log.startDate(now(handle));
        log.set("stats_nb_replica_total", count(handle, source, "TRUE"));
        insertLog(handle, source, log);
        commit(handle, request);

        Optional<String> refusal = checkPreconditions(source, request.user(), log);
        if (refusal.isPresent()) {
            return notStarted(handle, request, log, refusal.get());
        }
        LocalDateTime limit = limitDate(handle, source, request);
        log.trace("Limit date: " + java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").format(limit)
                + " (replicas not seen since then are obsolete under the delete policy)");
        if (!source.deletePolicy().equals("ignore") && settings.preventDeleteAll()) {
            long active = count(handle, source, "r." + tables.replica("status") + " IN " + ACTIVE);
            long unseen = count(handle, source, "r." + tables.replica("status") + " IN " + ACTIVE + " AND r."
                    + tables.replica("status_last_seen") + " < :limit", limit);
            if (active > 10 && unseen == active) {
                log.fail(SynchroLog.Failure.SAFETY, "All records have been untouched for some time (all of the"
                        + " objects could be deleted). Please check that the process that writes into the"
                        + " synchronization table is still running. Operation cancelled.");
                return notStarted(handle, request, log, null);
            }
        }

        ChangeSet change = ChangeHistory.open(handle, userInfo(request), request.user().id(), ChangeOrigin.SYNCHRO,
                request.comment().isEmpty() ? null : request.comment());
        ReplicaWriter writer = new ReplicaWriter(handle, mapping, tables, new ObjectStore(mapping), source, change, log);
        try {
            job1(handle, source, request, limit, writer, log);
            log.trace("Job 1 done: " + log.get("stats_nb_obj_obsoleted") + " obsoleted, " + log.get("stats_nb_obj_deleted")
                    + " deleted");
            log.set("stats_nb_replica_seen", count(handle, source, "r." + tables.replica("status") + " IN " + ACTIVE
                    + " AND r." + tables.replica("status_last_seen") + " >= :limit", limit));
            job2(handle, source, request, limit, writer, log);
            log.trace("Job 2 done: " + log.get("stats_nb_obj_created") + " created, " + log.get("stats_nb_obj_updated")
                    + " updated, " + log.get("stats_nb_obj_new_updated") + " reconciled and updated");
            if (source.deletePolicy().equals("update_then_delete")) {
                job3(handle, source, request, limit.minusSeconds(source.deletePolicyRetention()), writer, log);
            }
            log.complete();
            log.trace("###### SYNCHRONIZATION COMPLETED #####");
            saveLog(handle, log, 0, -1);
            commit(handle, request);
        } catch (RuntimeException e) {
            LOG.error("Synchronization of data source {} aborted", source.id(), e);
            abort(handle, request, log, e.getMessage() == null ? e.toString() : e.getMessage());
        } catch (Error e) {
            // The caller reports the error, such as running out of memory. The log is closed first,
            // so that it does not stay running until the next run of the source.
            try {
                abort(handle, request, log, e instanceof OutOfMemoryError
                        ? "Out of memory (" + e.getMessage() + "): run it again with a larger Java heap" : e.toString());
            } catch (RuntimeException | Error failure) {
                LOG.warn("Could not close the log of the failed run of data source {}: {}", source.id(),
                        failure.toString());
            }
            throw e;
        }
        LOG.info("Synchronization of data source {} ended {} in {} ms: {}", source.id(), log.status(),
                (System.nanoTime() - started) / 1_000_000, log.counters());
        return log;
    }

    /** Rolls the current batch back and saves the log as ended in error with the given reason. */
    private void abort(Handle handle, RunRequest request, SynchroLog log, String reason) {
        if (!request.simulate()) {
            handle.rollback();
            handle.begin();
        }
        log.fail(SynchroLog.Failure.RUN, reason);
        log.trace("###### SYNCHRONIZATION ABORTED: " + log.lastError() + " #####");
        saveLog(handle, log, 0, -1);
        commit(handle, request);
    }

    private SynchroLog notStarted(Handle handle, RunRequest request, SynchroLog log, String message) {
        if (message != null) {
            SynchroLog.Failure kind = message.startsWith("Only adminstrators") ? SynchroLog.Failure.RIGHTS
                    : SynchroLog.Failure.RUN;
            log.fail(kind, message);
        }
        handle.execute("DELETE FROM " + tables.logs() + " WHERE id = ?", log.id());
        log.id(0);
        commit(handle, request);
        LOG.warn("Synchronization did not start: {}", log.lastError());
        return log;
    }

    private Optional<String> checkPreconditions(DataSource source, User user, SynchroLog log) {
        if (source.status().equals("obsolete")) {
            return Optional.of("The data source is marked as obsolete. Operation cancelled.");
        }
        boolean isSourceUser = source.userId().isPresent() && source.userId().get() == user.id();
        boolean allowed = user.isAdministrator() || isSourceUser && RightsChecker.allows(user, ServiceRight.SYNCHRO_RUN)
                && !RightsChecker.isAdministrationClass(source.scopeClass());
        if (!allowed) {
            return Optional.of(rightsMessage());
        }
        if (source.attributes().stream().noneMatch(SynchroAttributeDef::update)) {
            return Optional.of("There is no attribute to update");
        }
        if (source.reconciliationPolicy().equals("use_attributes")
                && source.attributes().stream().noneMatch(SynchroAttributeDef::reconcile)) {
            return Optional.of("No attribute for reconciliation");
        }
        return Optional.empty();
    }

    /** Returns the message of a user who may not load or run a source. */
    static String rightsMessage() {
        return "Only adminstrators or the user specified in the data source can execute this operation."
                + " Operation cancelled.";
    }

    private static String userInfo(RunRequest request) {
        String base = request.user().login() + " (Data Synchro)";
        String full = request.comment().isEmpty() ? base : base + " " + request.comment();
        return full.codePointCount(0, full.length()) > ChangeSet.MAX_USER_INFO_LENGTH
                ? full.substring(0, full.offsetByCodePoints(0, ChangeSet.MAX_USER_INFO_LENGTH)) : full;
    }

    private LocalDateTime limitDate(Handle handle, DataSource source, RunRequest request) {
        long period = source.fullLoadPeriodicity();
        if (request.loadStart().isPresent()) {
            return request.loadStart().get().minusSeconds(period);
        }
        return period > 0 ? now(handle).minusSeconds(period) : EPOCH;
    }

    private void job1(Handle handle, DataSource source, RunRequest request, LocalDateTime limit, ReplicaWriter writer,
            SynchroLog log) {
        if (source.deletePolicy().equals("ignore")) {
            return;
        }
        String scope = "r." + tables.replica("status") + " IN " + ACTIVE + " AND r."
                + tables.replica("status_last_seen") + " < :limit";
        if (source.deletePolicy().equals("delete")) {
            // Deletions that failed on earlier runs are retried while the row is still not seen.
            scope = "(" + scope + " OR r." + tables.replica("status") + " = 'obsolete' AND r."
                    + tables.replica("status_last_error") + " <> '' AND r." + tables.replica("status_last_seen")
                    + " < :limit)";
        }
        forEachBatch(handle, source, request, 1, scope, limit, log, batch -> {
            if (source.deletePolicy().equals("delete")) {
                writer.deleteDestinations(batch);
            } else {
                writer.obsoleteAll(batch, UpdateRules.parse(source.deletePolicyUpdate()));
            }
        });
    }

    private void job2(Handle handle, DataSource source, RunRequest request, LocalDateTime limit, ReplicaWriter writer,
            SynchroLog log) {
        String status = "r." + tables.replica("status");
        String scope = "(" + status + " IN ('new', 'modified') OR " + status + " = 'synchronized' AND r."
                + tables.replica("status_last_warning") + " <> '') AND r." + tables.replica("status_last_seen")
                + " >= :limit";
        forEachBatch(handle, source, request, 2, scope, limit, log, writer::applyAll);
        writer.finishBatches();
    }

    private void job3(Handle handle, DataSource source, RunRequest request, LocalDateTime deletionDate,
            ReplicaWriter writer, SynchroLog log) {
        String scope = "r." + tables.replica("status") + " = 'obsolete' AND r." + tables.replica("status_last_seen")
                + " < :limit";
        forEachBatch(handle, source, request, 3, scope, deletionDate, log,
                writer::deleteDestinations);
    }

    /**
     * Reads the replicas of a scope with their data rows by increasing id, a batch at a time, and
     * commits each batch with the log's counters and progress.
     */
    private void forEachBatch(Handle handle, DataSource source, RunRequest request, int job, String scope,
            LocalDateTime limit, SynchroLog log, java.util.function.Consumer<List<ReplicaWriter.Replica>> action) {
        long after = -1;
        ModelClass scopeClass = mapping.model().get(source.scopeClass());
        List<String> columns = new ArrayList<>();
        for (SynchroAttributeDef attribute : source.attributes()) {
            Optional<AttributeDef> definition = scopeClass.attribute(attribute.attCode());
            if ((attribute.update() || attribute.reconcile()) && definition.isPresent()) {
                columns.add(attribute.attCode());
            }
        }
        long[] nanos = new long[3];
        long replicas = 0;
        while (true) {
            long start = System.nanoTime();
            List<ReplicaWriter.Replica> batch = ReplicaWriter.read(handle, tables, source, columns, scope, limit, after,
                    request.batchSize());
            long read = System.nanoTime();
            nanos[0] += read - start;
            if (batch.isEmpty()) {
                break;
            }
            action.accept(batch);
            long applied = System.nanoTime();
            nanos[1] += applied - read;
            after = batch.get(batch.size() - 1).id();
            replicas += batch.size();
            saveLog(handle, log, job, after);
            commit(handle, request);
            nanos[2] += System.nanoTime() - applied;
        }
        if (replicas > 0) {
            LOG.info("Data source {}: job {} took {} replicas; ms spent reading {}, applying {}, committing {}",
                    source.id(), job, replicas, nanos[0] / 1_000_000, nanos[1] / 1_000_000, nanos[2] / 1_000_000);
        }
    }

    private long count(Handle handle, DataSource source, String condition, Object... limit) {
        var query = handle.createQuery("SELECT count(*) FROM " + tables.replicas() + " r WHERE r."
                + tables.replica("sync_source_id") + " = :source AND " + condition).bind("source", source.id());
        if (limit.length > 0) {
            query.bind("limit", limit[0]);
        }
        return query.mapTo(Long.class).one();
    }

    static LocalDateTime now(Handle handle) {
        return handle.createQuery("SELECT statement_timestamp()::timestamp").mapTo(LocalDateTime.class).one();
    }

    private static void commit(Handle handle, RunRequest request) {
        if (!request.simulate()) {
            handle.commit();
            handle.begin();
        }
    }

    /** Marks the logs of the source still {@code running} as interrupted: the lock is ours, so their runs ended. */
    private void closeStaleLogs(Handle handle, long sourceId) {
        int closed = handle.createUpdate("UPDATE " + tables.logs() + " SET " + tables.log("status") + " = 'error', "
                        + tables.log("last_error") + " = 'Interrupted (process ended without completing)', "
                        + tables.log("end_date") + " = statement_timestamp() WHERE " + tables.log("sync_source_id")
                        + " = :source AND " + tables.log("status") + " = 'running'")
                .bind("source", sourceId).execute();
        if (closed > 0) {
            LOG.warn("Data source {}: closed {} log(s) of runs that ended without completing", sourceId, closed);
        }
    }

    private void insertLog(Handle handle, DataSource source, SynchroLog log) {
        long id = handle.createQuery("INSERT INTO " + tables.logs() + " (finalclass, " + tables.log("sync_source_id")
                        + ", " + tables.log("start_date") + ", " + tables.log("status") + ", "
                        + tables.log("status_curr_job") + ", " + tables.log("status_curr_pos") + ", "
                        + tables.log("memory_usage_peak") + ", " + counterColumns()
                        + ") VALUES ('SynchroLog', :source, :start, 'running', 1, -1, 0, " + counterValues(log)
                        + ") RETURNING id")
                .bind("source", source.id()).bind("start", log.startDate().orElseThrow())
                .mapTo(Long.class).one();
        log.id(id);
    }

    private void saveLog(Handle handle, SynchroLog log, int job, long position) {
        if (log.id() == 0) {
            return;
        }
        StringBuilder assignments = new StringBuilder();
        for (String counter : SynchroLog.COUNTERS) {
            assignments.append(tables.log(counter)).append(" = ").append(log.get(counter)).append(", ");
        }
        boolean ended = !log.status().equals("running");
        long peak = Math.min(Integer.MAX_VALUE, Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory());
        handle.createUpdate("UPDATE " + tables.logs() + " SET " + assignments + tables.log("status") + " = :status, "
                        + tables.log("last_error") + " = :error, " + tables.log("status_curr_job") + " = :job, "
                        + tables.log("status_curr_pos") + " = :position, " + tables.log("memory_usage_peak") + " = :peak, "
                        + tables.log("end_date") + " = " + (ended ? "statement_timestamp()" : "NULL")
                        + (settings.traces().equals("save") ? ", " + tables.log("traces") + " = :traces" : "")
                        + " WHERE id = :id")
                .bindByType("traces", savedTraces(log), String.class)
                .bind("status", log.status()).bind("error", log.lastError()).bind("job", job)
                .bind("position", position).bind("peak", peak).bind("id", log.id()).execute();
        if (ended) {
            log.endDate(now(handle));
        }
    }

    /** Returns the traces as the log keeps them: one per line, cut to {@link #MAX_TRACES} characters. */
    static String savedTraces(SynchroLog log) {
        String text = String.join("\n", log.traces());
        if (text.length() <= MAX_TRACES) {
            return text;
        }
        return text.substring(0, MAX_TRACES) + "...\nTruncated (size: " + text.length() + ")";
    }

    private String counterColumns() {
        return String.join(", ", SynchroLog.COUNTERS.stream().map(tables::log).toList());
    }

    private static String counterValues(SynchroLog log) {
        return String.join(", ", SynchroLog.COUNTERS.stream().map(c -> Long.toString(log.get(c))).toList());
    }
}
