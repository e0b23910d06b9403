package io.github.itopdata.core.service;

import io.github.itopdata.core.auth.User;
import io.github.itopdata.core.db.Database;
import io.github.itopdata.core.store.SchemaMapping;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The environment of a service run besides its parameters: the database with its model, the
 * authenticated user, and the destination of its warnings.
 *
 * @param frontEnd how the call arrived
 * @param database the product's database, migrated
 * @param schema the model and its tables in this database
 * @param user the user that the front-end authenticated
 * @param warnings receives diagnostics that are not part of the output: standard error on the
 *     CLI, the log on HTTP
 * @param clock the clock for dates written and schedules, fixed in tests
 */
public record ServiceContext(FrontEnd frontEnd, Database database, SchemaMapping schema, User user,
                             Consumer<String> warnings, Clock clock) {

    public ServiceContext {
        Objects.requireNonNull(frontEnd, "frontEnd");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(warnings, "warnings");
        Objects.requireNonNull(clock, "clock");
    }

    /** Reports a diagnostic line that is not part of the output. */
    public void warn(String message) {
        warnings.accept(message);
    }
}
