package io.github.itopdata.core.cron.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/** SQL of the registry of background tasks ({@code cron_background_task}). */
public final class TaskStore {

    private static final RowMapper<TaskRecord> MAPPER = (rows, context) -> new TaskRecord(
            rows.getLong("id"), rows.getString("class_name"), rows.getString("status"),
            Timestamps.read(rows, "first_run_date"), Timestamps.read(rows, "latest_run_date"),
            Timestamps.read(rows, "next_run_date"), rows.getInt("total_exec_count"),
            rows.getBigDecimal("latest_run_duration"), rows.getBigDecimal("min_run_duration"),
            rows.getBigDecimal("max_run_duration"), rows.getBigDecimal("average_run_duration"),
            rows.getBoolean("running"), rows.getString("run_by_user"));

    private final Jdbi jdbi;

    public TaskStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public Optional<TaskRecord> find(String name) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT * FROM cron_background_task WHERE class_name = :name")
                .bind("name", name)
                .map(MAPPER)
                .findOne());
    }

    /** Lists every record, sorted by name. */
    public List<TaskRecord> listByName() {
        return list("SELECT * FROM cron_background_task ORDER BY class_name");
    }

    /** Lists every record, sorted by next run date. */
    public List<TaskRecord> listByNextRun() {
        return list("SELECT * FROM cron_background_task ORDER BY next_run_date NULLS LAST, class_name");
    }

    private List<TaskRecord> list(String sql) {
        return jdbi.withHandle(handle -> handle.createQuery(sql).map(MAPPER).list());
    }

    /** Lists the active records whose next run date is not after {@code now}, earliest first. */
    public List<TaskRecord> listDue(Instant now) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT * FROM cron_background_task"
                        + " WHERE status = 'active' AND next_run_date <= :now ORDER BY next_run_date, class_name")
                .bind("now", Timestamps.bind(now))
                .map(MAPPER)
                .list());
    }

    /** Creates the record of a new process with iTop's initial statistics. */
    public void insert(String name, Instant nextRunDate) {
        jdbi.useHandle(handle -> handle.createUpdate("INSERT INTO cron_background_task (class_name, status,"
                        + " next_run_date) VALUES (:name, 'active', :next)")
                .bind("name", name)
                .bind("next", Timestamps.bind(nextRunDate))
                .execute());
    }

    public void setStatus(long id, String status) {
        jdbi.useHandle(handle -> handle.createUpdate("UPDATE cron_background_task SET status = :status WHERE id = :id")
                .bind("status", status)
                .bind("id", id)
                .execute());
    }

    public void setNextRunDate(long id, Instant next) {
        jdbi.useHandle(handle -> handle.createUpdate(
                        "UPDATE cron_background_task SET next_run_date = :next WHERE id = :id")
                .bind("next", Timestamps.bind(next))
                .bind("id", id)
                .execute());
    }

    /** Sets every active record whose name is not in {@code known} to {@code removed}; returns their names. */
    public List<String> markRemovedExcept(Collection<String> known) {
        return jdbi.withHandle(handle -> handle.createQuery("UPDATE cron_background_task SET status = 'removed'"
                        + " WHERE status = 'active' AND NOT (class_name = ANY(:known)) RETURNING class_name")
                .bind("known", known.toArray(String[]::new))
                .mapTo(String.class)
                .list());
    }

    /** Records the start of a run, so that a crash leaves a trace. */
    public void markStarted(long id, Instant start, String systemUser) {
        jdbi.useHandle(handle -> handle.createUpdate("UPDATE cron_background_task SET latest_run_date = :start,"
                        + " run_by_user = :user, running = true WHERE id = :id")
                .bind("start", Timestamps.bind(start))
                .bind("user", systemUser)
                .bind("id", id)
                .execute());
    }

    /** Records the end of a run: statistics, end time, next run date, {@code running} back to false. */
    public void markFinished(long id, Instant firstRunDate, Instant end, Instant nextRunDate, int count,
            BigDecimal latest, BigDecimal min, BigDecimal max, BigDecimal average) {
        jdbi.useHandle(handle -> handle.createUpdate("UPDATE cron_background_task SET"
                        + " first_run_date = :first, latest_run_date = :end, next_run_date = :next,"
                        + " total_exec_count = :count, latest_run_duration = :latest, min_run_duration = :min,"
                        + " max_run_duration = :max, average_run_duration = :average, running = false WHERE id = :id")
                .bind("first", Timestamps.bind(firstRunDate))
                .bind("end", Timestamps.bind(end))
                .bind("next", Timestamps.bind(nextRunDate))
                .bind("count", count)
                .bind("latest", latest)
                .bind("min", min)
                .bind("max", max)
                .bind("average", average)
                .bind("id", id)
                .execute());
    }

    /** Sets {@code running} back to false without other bookkeeping. */
    public void clearRunning(long id) {
        jdbi.useHandle(handle -> handle.createUpdate("UPDATE cron_background_task SET running = false WHERE id = :id")
                .bind("id", id)
                .execute());
    }
}
