package io.github.itopdata.core.cron.internal;

import io.github.itopdata.core.cron.AsyncTaskError;
import io.github.itopdata.core.cron.EmailMessage;
import io.github.itopdata.core.cron.RetryPolicy;
import java.sql.Array;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** SQL of the asynchronous task queue (tables {@code cron_async_task} and {@code cron_async_email}). */
public final class AsyncTaskStore {

    /** Longest stored error message, suffix included. */
    static final int MAX_ERROR_LENGTH = 255;

    private static final Logger LOG = LoggerFactory.getLogger(AsyncTaskStore.class);

    private final Jdbi jdbi;

    public AsyncTaskStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** A task taken by one worker, now in state {@code running}. */
    public record ClaimedTask(long id, String taskClass, Integer remainingRetries, Instant lastAttempt) {
    }

    /** Outcome of a failed attempt. */
    public record Failure(boolean retried, int remainingRetriesBefore, Duration delay) {
    }

    /** An e-mail as stored, with the version of its storage format. */
    public record StoredEmail(int version, EmailMessage message) {
    }

    /** Inserts an e-mail task in state {@code planned} and returns its id. */
    public long insertEmail(String taskClass, EmailMessage message, Instant created, Instant notBefore) {
        return jdbi.inTransaction(handle -> {
            long id = handle.createUpdate("INSERT INTO cron_async_task (task_class, status, created, planned)"
                            + " VALUES (:taskClass, 'planned', :created, :planned)")
                    .bind("taskClass", taskClass)
                    .bind("created", Timestamps.bind(created))
                    .bind("planned", Timestamps.bind(notBefore))
                    .executeAndReturnGeneratedKeys("id")
                    .mapTo(Long.class)
                    .one();
            handle.createUpdate("INSERT INTO cron_async_email (task_id, sender, to_addresses, cc_addresses,"
                            + " bcc_addresses, subject, body, content_type, header_names, header_values)"
                            + " VALUES (:id, :sender, :to, :cc, :bcc, :subject, :body, :contentType, :names, :values)")
                    .bind("id", id)
                    .bind("sender", message.sender())
                    .bind("to", message.to().toArray(String[]::new))
                    .bind("cc", message.cc().toArray(String[]::new))
                    .bind("bcc", message.bcc().toArray(String[]::new))
                    .bind("subject", message.subject())
                    .bind("body", message.body())
                    .bind("contentType", message.contentType())
                    .bind("names", message.headers().keySet().toArray(String[]::new))
                    .bind("values", message.headers().values().toArray(String[]::new))
                    .execute();
            return id;
        });
    }

    /**
     * Takes the oldest planned task whose {@code planned} time is empty or strictly before
     * {@code snapshot}, and marks it {@code running}. Rows locked by another worker's claim are
     * skipped, so two workers never take the same task.
     */
    public Optional<ClaimedTask> claimNext(Instant snapshot, Instant now) {
        return jdbi.inTransaction(handle -> handle.createQuery(
                        "UPDATE cron_async_task SET status = 'running', started = :now"
                                + " WHERE id = (SELECT id FROM cron_async_task"
                                + "   WHERE status = 'planned' AND (planned IS NULL OR planned < :snapshot)"
                                + "   ORDER BY created, id LIMIT 1 FOR UPDATE SKIP LOCKED)"
                                + " RETURNING id, task_class, remaining_retries, last_attempt")
                .bind("now", Timestamps.bind(now))
                .bind("snapshot", Timestamps.bind(snapshot))
                .map((rows, context) -> new ClaimedTask(rows.getLong("id"), rows.getString("task_class"),
                        (Integer) rows.getObject("remaining_retries"), Timestamps.read(rows, "last_attempt")))
                .findOne());
    }

    /** Loads the e-mail of a task; empty when the task has no e-mail row. */
    public Optional<StoredEmail> loadEmail(long taskId) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT * FROM cron_async_email WHERE task_id = :id")
                .bind("id", taskId)
                .map((rows, context) -> {
                    String[] names = (String[]) rows.getArray("header_names").getArray();
                    String[] values = (String[]) rows.getArray("header_values").getArray();
                    Map<String, String> headers = new LinkedHashMap<>();
                    for (int i = 0; i < names.length; i++) {
                        headers.put(names[i], values[i]);
                    }
                    EmailMessage message = new EmailMessage(rows.getString("sender"),
                            stringList(rows.getArray("to_addresses")), stringList(rows.getArray("cc_addresses")),
                            stringList(rows.getArray("bcc_addresses")), rows.getString("subject"),
                            rows.getString("body"), rows.getString("content_type"), headers);
                    return new StoredEmail(rows.getInt("version"), message);
                })
                .findOne());
    }

    private static List<String> stringList(Array array) throws SQLException {
        return Arrays.asList((String[]) array.getArray());
    }

    /** Deletes a task and its e-mail. */
    public void delete(long taskId) {
        jdbi.useHandle(handle -> handle.createUpdate("DELETE FROM cron_async_task WHERE id = :id")
                .bind("id", taskId)
                .execute());
    }

    /**
     * Records a failed attempt: plans the next attempt while retries remain, else leaves the task
     * in {@code error}. The first failure sets the remaining retries to the policy's maximum.
     */
    public Failure recordFailure(ClaimedTask task, String message, int code, Instant now, RetryPolicy policy) {
        int remaining = task.lastAttempt() == null || task.remainingRetries() == null
                ? policy.maxRetries()
                : task.remainingRetries();
        String stored = truncate(message);
        if (remaining > 0) {
            Duration delay = policy.delayBefore(remaining);
            jdbi.useHandle(handle -> handle.createUpdate("UPDATE cron_async_task SET status = 'planned',"
                            + " remaining_retries = :remaining, last_error = :error, last_error_code = :code,"
                            + " last_attempt = :now, started = NULL, planned = :planned WHERE id = :id")
                    .bind("remaining", remaining - 1)
                    .bind("error", stored)
                    .bind("code", code)
                    .bind("now", Timestamps.bind(now))
                    .bind("planned", Timestamps.bind(now.plus(delay)))
                    .bind("id", task.id())
                    .execute());
            return new Failure(true, remaining, delay);
        }
        jdbi.useHandle(handle -> handle.createUpdate("UPDATE cron_async_task SET status = 'error',"
                        + " remaining_retries = 0, last_error = :error, last_error_code = :code,"
                        + " last_attempt = :now, started = NULL, planned = NULL WHERE id = :id")
                .bind("error", stored)
                .bind("code", code)
                .bind("now", Timestamps.bind(now))
                .bind("id", task.id())
                .execute());
        return new Failure(false, 0, Duration.ZERO);
    }

    static String truncate(String message) {
        String text = message == null ? "" : message;
        if (text.length() <= MAX_ERROR_LENGTH) {
            return text;
        }
        String suffix = " -truncated (" + text.length() + " chars)";
        return text.substring(0, MAX_ERROR_LENGTH - suffix.length()) + suffix;
    }

    /** Returns the tasks left in {@code running} by a worker that started them before {@code startedBefore}. */
    public List<ClaimedTask> findInterrupted(Instant startedBefore) {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT id, task_class, remaining_retries, last_attempt"
                        + " FROM cron_async_task WHERE status = 'running' AND started < :before ORDER BY id")
                .bind("before", Timestamps.bind(startedBefore))
                .map((rows, context) -> new ClaimedTask(rows.getLong("id"), rows.getString("task_class"),
                        (Integer) rows.getObject("remaining_retries"), Timestamps.read(rows, "last_attempt")))
                .list());
    }

    /** Counts the tasks per status. */
    public Map<String, Integer> countByStatus() {
        return jdbi.withHandle(handle -> {
            Map<String, Integer> counts = new LinkedHashMap<>();
            handle.createQuery("SELECT status, count(*) AS n FROM cron_async_task GROUP BY status")
                    .map((rows, context) -> Map.entry(rows.getString("status"), rows.getInt("n")))
                    .forEach(entry -> counts.put(entry.getKey(), entry.getValue()));
            return counts;
        });
    }

    /** Lists the tasks in {@code error}, oldest last attempt first. */
    public List<AsyncTaskError> listErrors() {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT id, task_class, last_attempt, last_error,"
                        + " last_error_code FROM cron_async_task WHERE status = 'error' ORDER BY last_attempt, id")
                .map((rows, context) -> new AsyncTaskError(rows.getLong("id"), rows.getString("task_class"),
                        Timestamps.read(rows, "last_attempt"), rows.getString("last_error"),
                        rows.getInt("last_error_code")))
                .list());
    }

    /** Deletes the tasks in {@code error} whose last attempt is before {@code before}; returns how many. */
    public int purgeErrors(Instant before) {
        int deleted = jdbi.withHandle(handle -> handle.createUpdate(
                        "DELETE FROM cron_async_task WHERE status = 'error' AND last_attempt < :before")
                .bind("before", Timestamps.bind(before))
                .execute());
        LOG.debug("Purged {} asynchronous tasks in error", deleted);
        return deleted;
    }
}
