package io.github.itopdata.core.cron;

import io.github.itopdata.core.cron.internal.AsyncTaskStore;
import io.github.itopdata.core.db.Database;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The queue of asynchronous tasks in the database, drained by the cron process
 * {@code ExecAsyncTask}. Any engine can enqueue an e-mail here; it is sent at the next cron
 * round, and retried on failure as the setting {@code async_task_retries} sets.
 *
 * <pre>{@code
 * AsyncTaskQueue queue = new AsyncTaskQueue(database, Clock.systemDefaultZone());
 * long id = queue.enqueueEmail(EmailMessage.plainText(List.of("ops@example.org"), "Import done", "12 rows"));
 * }</pre>
 */
public final class AsyncTaskQueue {

    /** Task class of e-mails, as iTop names it. */
    public static final String EMAIL_TASK_CLASS = "AsyncSendEmail";

    private final AsyncTaskStore store;
    private final Clock clock;

    public AsyncTaskQueue(Database database, Clock clock) {
        this.store = new AsyncTaskStore(database.jdbi());
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Queues an e-mail to send as soon as possible; returns the task id. */
    public long enqueueEmail(EmailMessage message) {
        return store.insertEmail(EMAIL_TASK_CLASS, message, clock.instant(), null);
    }

    /** Queues an e-mail that is not sent before {@code notBefore} has passed; returns the task id. */
    public long enqueueEmail(EmailMessage message, Instant notBefore) {
        return store.insertEmail(EMAIL_TASK_CLASS, message, clock.instant(), Objects.requireNonNull(notBefore));
    }

    /** Returns how many tasks are in each state ({@code planned}, {@code running}, {@code error}). */
    public Map<String, Integer> countByStatus() {
        return store.countByStatus();
    }

    /** Lists the tasks that stay in error after their last retry, oldest last attempt first. */
    public List<AsyncTaskError> tasksInError() {
        return store.listErrors();
    }
}
