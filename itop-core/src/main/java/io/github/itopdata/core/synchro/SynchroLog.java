package io.github.itopdata.core.synchro;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The record of one synchronization run: its status, its dates and its counters, stored as a
 * {@code SynchroLog} object.
 *
 * <p>Counters are read and incremented by the code of their {@code SynchroLog} attribute, such
 * as {@code stats_nb_obj_created}.
 */
public final class SynchroLog {

    /** The counters of a run, in the order of the synchronization summary. */
    public static final List<String> COUNTERS = List.of("stats_nb_replica_total", "stats_nb_replica_seen",
            "stats_nb_obj_deleted", "stats_nb_obj_deleted_errors", "stats_nb_obj_obsoleted",
            "stats_nb_obj_obsoleted_errors", "stats_nb_obj_created", "stats_nb_obj_created_warnings",
            "stats_nb_obj_created_errors", "stats_nb_obj_updated", "stats_nb_obj_updated_warnings",
            "stats_nb_obj_updated_errors", "stats_nb_obj_unchanged_warnings", "stats_nb_obj_new_updated",
            "stats_nb_obj_new_updated_warnings", "stats_nb_obj_new_unchanged", "stats_nb_obj_new_unchanged_warnings",
            "stats_nb_replica_reconciled_errors", "stats_nb_replica_disappeared_no_action");

    /** How a run ended when it ended with status {@code error}. */
    public enum Failure {
        /** No failure. */
        NONE,
        /** A pre-condition failed or the run aborted: exit code 1. */
        RUN,
        /** The user may not run this source: exit code 255. */
        RIGHTS,
        /** The lock wait ran out or the mass-disappearance guard fired: exit code 4. */
        SAFETY
    }

    private final Map<String, Long> counters = new LinkedHashMap<>();
    private long id;
    private String status = "running";
    private String lastError = "";
    private Failure failure = Failure.NONE;
    private LocalDateTime startDate;
    private LocalDateTime endDate;
    private final List<String> traces = new ArrayList<>();
    private boolean tracing;

    public SynchroLog() {
        COUNTERS.forEach(code -> counters.put(code, 0L));
    }

    /** Returns a counter by its attribute code. */
    public long get(String counter) {
        Long value = counters.get(counter);
        if (value == null) {
            throw new IllegalArgumentException("Unknown counter '" + counter + "': expected one of " + COUNTERS);
        }
        return value;
    }

    public void increment(String counter) {
        counters.put(counter, get(counter) + 1);
    }

    public void set(String counter, long value) {
        get(counter);
        counters.put(counter, value);
    }

    public Map<String, Long> counters() {
        return java.util.Collections.unmodifiableMap(counters);
    }

    /** Returns the error total that notifications count: failed deletions, obsolescences, creations, updates and reconciliations. */
    public long errorTotal() {
        return get("stats_nb_obj_deleted_errors") + get("stats_nb_obj_obsoleted_errors")
                + get("stats_nb_obj_created_errors") + get("stats_nb_obj_updated_errors")
                + get("stats_nb_replica_reconciled_errors");
    }

    /** Returns the stored log's id, 0 when the log was not kept (a run that did not start). */
    public long id() {
        return id;
    }

    void id(long value) {
        id = value;
    }

    /** Returns {@code running}, {@code completed} or {@code error}. */
    public String status() {
        return status;
    }

    public String lastError() {
        return lastError;
    }

    public Failure failure() {
        return failure;
    }

    void complete() {
        status = "completed";
    }

    void fail(Failure kind, String message) {
        status = "error";
        failure = kind;
        lastError = message;
    }

    public Optional<LocalDateTime> startDate() {
        return Optional.ofNullable(startDate);
    }

    void startDate(LocalDateTime value) {
        startDate = value;
    }

    public Optional<LocalDateTime> endDate() {
        return Optional.ofNullable(endDate);
    }

    void endDate(LocalDateTime value) {
        endDate = value;
    }

    /** Returns the trace lines of the run; empty unless traces are enabled. */
    public List<String> traces() {
        return traces;
    }

    /** Starts keeping trace lines ({@code synchro_trace} other than {@code none}). */
    void enableTraces() {
        tracing = true;
    }

    /**
     * Adds a trace line about a replica, formatted {@code <replica id>,<dest class>::<dest id>,
     * <message>} ({@code <replica id>,,<message>} without a destination class), when traces are
     * enabled.
     */
    public void trace(long replicaId, String destClass, Long destId, String message) {
        if (tracing) {
            traces.add(replicaId + "," + (destClass == null || destClass.isEmpty() ? ""
                    : destClass + "::" + (destId == null ? "" : destId)) + "," + message);
        }
    }

    /** Adds a trace line about the run as a whole, formatted {@code ,,<message>}, when traces are enabled. */
    public void trace(String message) {
        if (tracing) {
            traces.add(",," + message);
        }
    }
}
