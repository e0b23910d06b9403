package io.github.itopdata.core.db;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the versioned SQL migrations of the product's internal tables.
 *
 * <p>Each component (a package of itop-core such as {@code db}, {@code store}, {@code auth},
 * {@code cron}) keeps its own numbered stream of migrations, so that components never compete
 * for version numbers. The files of component {@code X} are the classpath resources
 * {@code io/github/itopdata/core/X/migrations/V<number>__<description>.sql}, listed in order in
 * the resource {@code io/github/itopdata/core/X/migrations/index} (one file name a line). Each
 * file runs in its own transaction; the table {@code itop_schema_migration} records what ran.
 * A transaction-level advisory lock makes concurrent processes apply each migration once.
 */
public final class Migrations {

    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);
    private static final Pattern FILE_NAME = Pattern.compile("V(\\d+)__([A-Za-z0-9_]+)\\.sql");
    /** Arbitrary constant that names the migration lock among the product's advisory locks. */
    private static final long MIGRATION_LOCK_KEY = 0x6974_6f70_6d69_67L;

    private Migrations() {
    }

    /**
     * Applies the pending migrations of each component, in the order the components are given.
     *
     * @return how many migration files ran
     */
    public static int apply(DataSource dataSource, List<String> components) {
        int applied = 0;
        try (Connection connection = dataSource.getConnection()) {
            ensureHistoryTable(connection);
            for (String component : components) {
                if (!hasIndex(component)) {
                    LOG.debug("Component {} has no migrations", component);
                    continue;
                }
                for (Migration migration : readIndex(component)) {
                    if (applyOne(connection, migration)) {
                        applied++;
                    }
                }
            }
        } catch (SQLException e) {
            throw new DatabaseException("Could not migrate the internal tables: " + e.getMessage(), e);
        }
        return applied;
    }

    private static void ensureHistoryTable(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_advisory_xact_lock(" + MIGRATION_LOCK_KEY + ")");
            statement.execute("CREATE TABLE IF NOT EXISTS itop_schema_migration ("
                    + " component text NOT NULL,"
                    + " version integer NOT NULL,"
                    + " description text NOT NULL,"
                    + " applied_at timestamptz NOT NULL DEFAULT now(),"
                    + " PRIMARY KEY (component, version))");
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private static boolean applyOne(Connection connection, Migration migration) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_advisory_xact_lock(" + MIGRATION_LOCK_KEY + ")");
            if (isApplied(connection, migration)) {
                connection.rollback();
                return false;
            }
            statement.execute(migration.sql());
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO itop_schema_migration (component, version, description) VALUES (?, ?, ?)")) {
                insert.setString(1, migration.component());
                insert.setInt(2, migration.version());
                insert.setString(3, migration.description());
                insert.executeUpdate();
            }
            connection.commit();
            LOG.info("Applied migration {} V{} ({})", migration.component(), migration.version(),
                    migration.description());
            return true;
        } catch (SQLException e) {
            connection.rollback();
            throw new SQLException("Migration " + migration.resource() + " failed: " + e.getMessage(),
                    e.getSQLState(), e);
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private static boolean isApplied(Connection connection, Migration migration) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT 1 FROM itop_schema_migration WHERE component = ? AND version = ?")) {
            query.setString(1, migration.component());
            query.setInt(2, migration.version());
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static boolean hasIndex(String component) {
        return Migrations.class.getClassLoader()
                .getResource("io/github/itopdata/core/" + component + "/migrations/index") != null;
    }

    static List<Migration> readIndex(String component) {
        String folder = "io/github/itopdata/core/" + component + "/migrations/";
        List<Migration> migrations = new ArrayList<>();
        int previousVersion = 0;
        for (String fileName : readLines(folder + "index")) {
            Matcher matcher = FILE_NAME.matcher(fileName);
            if (!matcher.matches()) {
                throw new DatabaseException("Invalid migration file name '" + fileName + "' in " + folder
                        + "index: expected V<number>__<description>.sql");
            }
            int version = Integer.parseInt(matcher.group(1));
            if (version <= previousVersion) {
                throw new DatabaseException("Migration " + folder + fileName
                        + " is out of order: versions in the index must increase");
            }
            previousVersion = version;
            String resource = folder + fileName;
            String sql = String.join("\n", readLines(resource));
            migrations.add(new Migration(component, version, matcher.group(2), resource, sql));
        }
        return migrations;
    }

    private static List<String> readLines(String resource) {
        InputStream stream = Migrations.class.getClassLoader().getResourceAsStream(resource);
        if (stream == null) {
            throw new DatabaseException("Missing migration resource " + resource);
        }
        List<String> lines = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (resource.endsWith("index")) {
                    line = line.strip();
                    if (line.isEmpty() || line.startsWith("#")) {
                        continue;
                    }
                }
                lines.add(line);
            }
        } catch (IOException e) {
            throw new DatabaseException("Could not read migration resource " + resource, e);
        }
        return lines;
    }

    record Migration(String component, int version, String description, String resource, String sql) {
    }
}
