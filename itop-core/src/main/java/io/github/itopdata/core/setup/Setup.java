package io.github.itopdata.core.setup;

import io.github.itopdata.core.auth.Profile;
import io.github.itopdata.core.auth.User;
import io.github.itopdata.core.auth.Users;
import io.github.itopdata.core.db.Database;
import io.github.itopdata.core.db.Migrations;
import io.github.itopdata.core.model.LoadedModel;
import io.github.itopdata.core.model.ModelWarning;
import io.github.itopdata.core.store.SchemaChanges;
import io.github.itopdata.core.store.SchemaMapping;
import io.github.itopdata.core.store.StoreSchema;
import io.github.itopdata.core.synchro.DataSources;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prepares a database for the product: applies the migrations of the internal tables, creates
 * or grows the object tables of the model, and creates the first administrator.
 *
 * <p>Every step is idempotent, so running setup again after the model grew migrates the schema
 * in place and changes nothing else.
 */
public final class Setup {

    private static final Logger LOG = LoggerFactory.getLogger(Setup.class);

    private Setup() {
    }

    /** Login and password of the administrator to create. The password never appears in {@link #toString()}. */
    public record Administrator(String login, String password) {

        public Administrator {
            Objects.requireNonNull(login, "login");
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String toString() {
            return "Administrator[login=" + login + "]";
        }
    }

    /** Outcome for the requested administrator. */
    public enum AdministratorOutcome {
        /** The user was created with the Administrator profile. */
        CREATED,
        /** The user existed with the Administrator profile; nothing changed, the password included. */
        ALREADY_ADMINISTRATOR,
        /** The user existed without the Administrator profile, which was granted; the password is unchanged. */
        GRANTED,
        /** No administrator was requested. */
        NOT_REQUESTED
    }

    /**
     * Outcome of a setup run.
     *
     * @param migrationsApplied how many migration files of the internal tables ran
     * @param classCount how many classes the model has
     * @param modelWarnings content of the model files that was skipped
     * @param schemaChanges the tables, columns and indexes created or changed
     * @param administrator the login of the requested administrator, empty when none was requested
     * @param administratorOutcome what happened to it
     * @param hasAdministrator whether the database now has at least one administrator
     */
    public record Report(int migrationsApplied, int classCount, List<ModelWarning> modelWarnings,
                         SchemaChanges schemaChanges, Optional<String> administrator,
                         AdministratorOutcome administratorOutcome, boolean hasAdministrator,
                         List<String> dataSourceRepairs) {

        public Report {
            modelWarnings = List.copyOf(modelWarnings);
            dataSourceRepairs = List.copyOf(dataSourceRepairs);
        }

        /**
         * Returns the report as lines for a person to read, without the model warnings.
         *
         * @param detailed whether to list every change to the object tables, not only their count by kind
         */
        public List<String> lines(boolean detailed) {
            List<String> lines = new ArrayList<>();
            lines.add("Internal tables: " + (migrationsApplied == 0 ? "up to date"
                    : migrationsApplied + " migration" + (migrationsApplied == 1 ? "" : "s") + " applied"));
            lines.add("Model: " + classCount + " classes");
            if (schemaChanges.isEmpty()) {
                lines.add("Object tables: up to date");
            } else {
                lines.add("Object tables: " + schemaChanges.actions().size() + " change"
                        + (schemaChanges.actions().size() == 1 ? "" : "s") + " (" + countByKind() + ")");
                if (detailed) {
                    schemaChanges.actions().forEach(action -> lines.add("  " + action));
                }
            }
            if (!dataSourceRepairs.isEmpty()) {
                lines.add("Data sources: " + dataSourceRepairs.size() + " repair" + (dataSourceRepairs.size() == 1 ? "" : "s"));
                dataSourceRepairs.forEach(repair -> lines.add("  " + repair));
            }
            String login = administrator.orElse("");
            switch (administratorOutcome) {
                case CREATED -> lines.add("Administrator: " + login + " created");
                case ALREADY_ADMINISTRATOR -> lines.add("Administrator: " + login
                        + " already exists; left unchanged, password included");
                case GRANTED -> lines.add("Administrator: " + login
                        + " already existed; granted the Administrator profile, password unchanged");
                case NOT_REQUESTED -> lines.add(hasAdministrator ? "Administrator: already present"
                        : "Administrator: none yet; run setup with --admin_user and --admin_pwd to create one");
            }
            return lines;
        }

        /** Counts the changes by their first two words, such as {@code 12 created table, 20 created index}. */
        private String countByKind() {
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (String action : schemaChanges.actions()) {
                String[] words = action.split(" ", 3);
                String kind = words.length >= 2 ? words[0] + " " + words[1] : action;
                counts.merge(kind, 1, Integer::sum);
            }
            List<String> parts = new ArrayList<>();
            counts.forEach((kind, count) -> parts.add(count + " " + kind));
            return String.join(", ", parts);
        }
    }

    /**
     * Runs setup on an open database.
     *
     * @param administrator the first administrator to create, if any
     */
    public static Report run(Database database, LoadedModel model, Optional<Administrator> administrator) {
        int migrations = Migrations.apply(database.dataSource(), Database.COMPONENTS);
        LOG.info("Setup: {} migrations of the internal tables applied", migrations);

        SchemaMapping mapping = SchemaMapping.of(model.model());
        SchemaChanges changes = StoreSchema.apply(database.jdbi(), mapping);
        LOG.info("Setup: {} changes to the object tables of {} classes", changes.actions().size(),
                model.model().classes().size());

        List<String> repairs = mapping.model().find("SynchroDataSource").isPresent()
                ? new DataSources(database.jdbi(), mapping).repair(false) : List.of();
        repairs.forEach(repair -> LOG.info("Setup: {}", repair));

        Users users = new Users(database);
        AdministratorOutcome outcome = AdministratorOutcome.NOT_REQUESTED;
        if (administrator.isPresent()) {
            outcome = ensureAdministrator(users, administrator.get());
            LOG.info("Setup: administrator {}: {}", administrator.get().login(), outcome);
        }
        return new Report(migrations, model.model().classes().size(), model.warnings(), changes,
                administrator.map(Administrator::login), outcome, users.hasAdministrator(), repairs);
    }

    private static AdministratorOutcome ensureAdministrator(Users users, Administrator administrator) {
        Optional<User> existing = users.find(administrator.login());
        if (existing.isEmpty()) {
            users.create(administrator.login(), administrator.password(), Set.of(Profile.ADMINISTRATOR));
            return AdministratorOutcome.CREATED;
        }
        if (existing.get().isAdministrator()) {
            return AdministratorOutcome.ALREADY_ADMINISTRATOR;
        }
        users.grant(administrator.login(), Profile.ADMINISTRATOR);
        return AdministratorOutcome.GRANTED;
    }
}
