package io.github.itopdata.core.store;

import java.time.LocalDateTime;
import java.util.Objects;
import java.util.Optional;

/**
 * One run's record in the change history: its date, its author and its origin. Every operation written by
 * the run points to it.
 *
 * <p>Open one with {@link ChangeHistory#open}; its id is reserved then, and its row is written by
 * the first transaction that records an operation under it, so a run that writes nothing leaves
 * no change set behind, and a rolled-back run (a simulation) leaves none either.
 *
 * @param id       the change set's id, unique in the database
 * @param date     the time the run started, to the second; the same for all its operations
 * @param userInfo the text shown as the author, such as {@code Mira Solberg, Web Service (CSV)}
 * @param userId   the id of the user account, empty when no account is involved
 * @param origin   where the change comes from
 * @param comment  the run's comment as given by the caller, empty if none
 */
public record ChangeSet(long id, LocalDateTime date, String userInfo, Optional<Long> userId, ChangeOrigin origin,
        Optional<String> comment) {

    /** Maximum length of {@link #userInfo()} in characters, as in iTop. */
    public static final int MAX_USER_INFO_LENGTH = 255;

    /** Checks the parts; {@code userInfo} must fit {@link #MAX_USER_INFO_LENGTH}. */
    public ChangeSet {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(userInfo, "userInfo");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(comment, "comment");
        int length = userInfo.codePointCount(0, userInfo.length());
        if (length > MAX_USER_INFO_LENGTH) {
            throw new IllegalArgumentException("User info of a change set is " + length
                    + " characters long, at most " + MAX_USER_INFO_LENGTH + " allowed: shorten the comment");
        }
    }
}
