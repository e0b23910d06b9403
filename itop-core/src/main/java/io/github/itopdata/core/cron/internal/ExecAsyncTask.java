package io.github.itopdata.core.cron.internal;

import io.github.itopdata.core.cron.AsyncTaskQueue;
import io.github.itopdata.core.cron.CronSettings;
import io.github.itopdata.core.cron.PeriodicProcess;
import io.github.itopdata.core.cron.SmtpSettings;
import jakarta.mail.MessagingException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Built-in process that drains the asynchronous queue: it takes the due tasks one by one, oldest
 * first, until none is left or the deadline passes. A task that succeeds is deleted; a task that
 * fails is planned again or left in error, as its class's retry policy sets.
 *
 * <p>NOTE: iTop also writes the outcome into the notification event linked to the task
 * ({@code event_id}); there are no notification events here, so the outcome only goes to the log.
 */
public final class ExecAsyncTask implements PeriodicProcess {

    /** Name of the process in the registry, as iTop names it. */
    public static final String NAME = "ExecAsyncTask";
    /** Message of the failed attempt recorded for a task found interrupted in {@code running}. */
    static final String INTERRUPTED = "interrupted";

    private static final Logger LOG = LoggerFactory.getLogger(ExecAsyncTask.class);

    private final AsyncTaskStore store;
    private final CronSettings settings;
    private final Clock clock;
    /** Created at the first e-mail, so that an unreadable trust store fails the task, not the run. */
    private SmtpMailSender mailSender;

    public ExecAsyncTask(AsyncTaskStore store, CronSettings settings, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Duration periodicity() {
        return Duration.ofSeconds(2);
    }

    @Override
    public String process(Instant deadline) {
        Instant snapshot = clock.instant();
        int processed = 0;
        while (clock.instant().isBefore(deadline)) {
            Optional<AsyncTaskStore.ClaimedTask> claimed = store.claimNext(snapshot, clock.instant());
            if (claimed.isEmpty()) {
                break;
            }
            execute(claimed.get());
            processed++;
        }
        return "processed " + processed + " tasks";
    }

    /**
     * Puts back in the queue the tasks that a crashed worker left in {@code running} for longer
     * than {@code cron_max_execution_time}, each counting as one failed attempt.
     */
    public int recoverInterrupted() {
        Instant now = clock.instant();
        int recovered = 0;
        for (AsyncTaskStore.ClaimedTask task : store.findInterrupted(now.minus(settings.maxExecutionTime()))) {
            recordFailure(task, INTERRUPTED, 0);
            recovered++;
        }
        return recovered;
    }

    private void execute(AsyncTaskStore.ClaimedTask task) {
        if (!task.taskClass().equals(AsyncTaskQueue.EMAIL_TASK_CLASS)) {
            deleteCorrupted(task, "unknown task class '" + task.taskClass() + "'");
            return;
        }
        Optional<AsyncTaskStore.StoredEmail> email = store.loadEmail(task.id());
        if (email.isEmpty()) {
            deleteCorrupted(task, "the task has no e-mail");
            return;
        }
        if (email.get().version() != 2) {
            store.delete(task.id());
            LOG.info("Async task #{} ({}) done: Unknown version of the serialization format: {}",
                    task.id(), task.taskClass(), email.get().version());
            return;
        }

        try {
            mailSender().send(email.get().message());
        } catch (Exception e) {
            recordFailure(task, describe(e), 0);
            return;
        }
        store.delete(task.id());
        LOG.info("Async task #{} ({}) done: Sent to {}", task.id(), task.taskClass(), email.get().message().to());
    }

    private SmtpMailSender mailSender() {
        if (mailSender == null) {
            SmtpSettings smtp = settings.smtp().orElseThrow(() -> new IllegalStateException(
                    "no SMTP server is configured: set the SMTP host and port"));
            mailSender = new SmtpMailSender(smtp);
        }
        return mailSender;
    }

    /**
     * Returns the failure's message followed by those of its causes, such as the SMTP server's
     * reply to a rejected recipient or the socket error behind "Couldn't connect to host".
     */
    static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder();
        Set<Throwable> seen = new HashSet<>();
        for (Throwable current = failure; current != null && seen.add(current); current = next(current)) {
            String message = current.getMessage() == null ? current.getClass().getSimpleName() : current.getMessage();
            if (text.indexOf(message) < 0) {
                text.append(text.length() == 0 ? "" : ": ").append(message);
            }
        }
        return text.toString().replaceAll("\\s*\\R\\s*", " ").strip();
    }

    private static Throwable next(Throwable failure) {
        if (failure instanceof MessagingException messaging && messaging.getNextException() != null) {
            return messaging.getNextException();
        }
        return failure.getCause();
    }

    private void recordFailure(AsyncTaskStore.ClaimedTask task, String message, int code) {
        AsyncTaskStore.Failure failure = store.recordFailure(task, message, code, clock.instant(),
                settings.retryPolicy(task.taskClass()));
        if (failure.retried()) {
            LOG.info("Failed to process async task #{} - reason: {} - remaining retries: {} - next retry in {}s",
                    task.id(), message, failure.remainingRetriesBefore(), failure.delay().toSeconds());
        } else {
            LOG.error("Failed to process async task #{} - reason: {}", task.id(), message);
        }
    }

    private void deleteCorrupted(AsyncTaskStore.ClaimedTask task, String reason) {
        store.delete(task.id());
        LOG.error("Failed to process async task #{} - reason: {} - fatal error, deleting the task.", task.id(), reason);
    }
}
