package io.github.itopdata.core.db.internal;

import io.github.itopdata.core.db.DatabaseException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Password authentication for the embedded server.
 *
 * <p>zonky creates the cluster with {@code trust} authentication, which would let any local
 * user connect as the superuser. After the first start, the {@code postgres} user gets a random
 * password, kept in a file readable by its owner only, and {@code pg_hba.conf} is replaced by
 * one that requires it on the Unix socket and on loopback.
 */
final class ServerPassword {

    private static final Logger LOG = LoggerFactory.getLogger(ServerPassword.class);
    private static final String HBA_MARKER = "# itop: every connection needs the password";
    private static final String HBA = HBA_MARKER + " (written by itop; edits are kept)\n"
            + "local   all   all                 scram-sha-256\n"
            + "host    all   all   127.0.0.1/32  scram-sha-256\n"
            + "host    all   all   ::1/128       scram-sha-256\n";
    private static final int PASSWORD_BYTES = 24;

    private ServerPassword() {
    }

    /** Reads the password from {@code file}, creating the file with a random password if it is missing. */
    static String readOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                byte[] random = new byte[PASSWORD_BYTES];
                new SecureRandom().nextBytes(random);
                String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(file, password + "\n", StandardCharsets.US_ASCII);
                return password;
            }
            String password = Files.readString(file, StandardCharsets.US_ASCII).strip();
            if (!password.matches("[A-Za-z0-9_-]{16,}")) {
                throw new DatabaseException("The password file " + file + " is invalid: it must contain one line of"
                        + " at least 16 letters, digits, '-' or '_'. Restore it, or remove it together with the"
                        + " cluster directory to start with an empty database.");
            }
            return password;
        } catch (FileAlreadyExistsException e) {
            return readOrCreate(file);
        } catch (IOException e) {
            throw new DatabaseException("Could not read or create the password file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Sets the password of the {@code postgres} user and requires it for every connection,
     * unless {@code pg_hba.conf} already does.
     */
    static void require(EmbeddedPostgres server, Path clusterDirectory, String password) {
        Path hba = clusterDirectory.resolve("pg_hba.conf");
        try {
            if (Files.readString(hba, StandardCharsets.UTF_8).startsWith(HBA_MARKER)) {
                return;
            }
            LOG.info("Requiring a password for every connection to the embedded PostgreSQL in {}", clusterDirectory);
            try (Connection connection = server.getPostgresDatabase().getConnection();
                 Statement statement = connection.createStatement()) {
                // The password matches [A-Za-z0-9_-]+ (checked when read), so the literal needs no escaping.
                statement.execute("ALTER ROLE postgres PASSWORD '" + password + "'");
                Path written = Files.writeString(clusterDirectory.resolve("pg_hba.conf.itop"), HBA, StandardCharsets.UTF_8);
                Files.move(written, hba, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                statement.execute("SELECT pg_reload_conf()");
            }
        } catch (IOException | SQLException e) {
            throw new DatabaseException("Could not set up password authentication in " + hba + ": " + e.getMessage(), e);
        }
    }
}
