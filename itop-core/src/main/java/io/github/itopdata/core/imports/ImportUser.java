package io.github.itopdata.core.imports;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Who runs an import: the name written in the change history and the right to bulk-modify a class.
 *
 * @param displayName the user's contact full name, or the login when the account has no contact
 * @param userId the user account's id, empty when no account is involved (an embedding program)
 * @param mayBulkModify tells whether the user may bulk-modify objects of a class, by class name
 */
public record ImportUser(String displayName, Optional<Long> userId, Predicate<String> mayBulkModify) {

    /** Checks that the parts are present. */
    public ImportUser {
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(mayBulkModify, "mayBulkModify");
    }

    /** A user allowed to import into every class, for programs that embed the engine. */
    public static ImportUser trusted(String displayName) {
        return new ImportUser(displayName, Optional.empty(), className -> true);
    }
}
