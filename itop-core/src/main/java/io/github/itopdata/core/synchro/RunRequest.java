package io.github.itopdata.core.synchro;

import io.github.itopdata.core.auth.User;
import java.time.LocalDateTime;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings of one synchronization run, besides its data source.
 *
 * @param user the user who runs it: the rights check and the change history name this user
 * @param loadStart the database time just before the load that precedes the run, if any; the
 *     limit date of "seen" replicas is computed from it
 * @param maxChunkSize replicas written per transaction; 0 means 500
 * @param simulate whether the caller rolls everything back at the end (then nothing is committed
 *     in between)
 * @param comment appended to the change history's author text when not empty
 */
public record RunRequest(User user, Optional<LocalDateTime> loadStart, int maxChunkSize, boolean simulate,
        String comment) {

    /**
     * Replicas written per transaction when the caller sets no limit. Each batch costs a few
     * statements whatever its size, so large sources run faster with a larger
     * {@code max_chunk_size}; 5,000 replicas of about 20 columns take a few megabytes.
     */
    public static final int DEFAULT_BATCH_SIZE = 500;

    public RunRequest {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(loadStart, "loadStart");
        comment = comment == null ? "" : comment;
    }

    /** Returns the number of replicas written per transaction. */
    public int batchSize() {
        return maxChunkSize > 0 ? maxChunkSize : DEFAULT_BATCH_SIZE;
    }
}
