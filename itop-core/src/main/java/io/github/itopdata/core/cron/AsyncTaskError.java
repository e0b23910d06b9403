package io.github.itopdata.core.cron;

import java.time.Instant;

/**
 * An asynchronous task that failed on every attempt and stays in state {@code error} until the
 * retention purge deletes it.
 *
 * @param id task id
 * @param taskClass kind of task, such as {@code AsyncSendEmail}
 * @param lastAttempt time of the last failed attempt
 * @param lastError message of the last failure, cut to 255 characters
 * @param lastErrorCode code of the last failure, 0 when it had none
 */
public record AsyncTaskError(long id, String taskClass, Instant lastAttempt, String lastError, int lastErrorCode) {
}
