package io.github.itopdata.core.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.itopdata.core.testing.PostgresExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class MigrationsTest {

    @Test
    void migrationsAreRecordedAndRunOnce(Database database) {
        List<Integer> versions = database.jdbi().withHandle(handle -> handle
                .createQuery("SELECT version FROM itop_schema_migration WHERE component = 'db' ORDER BY version")
                .mapTo(Integer.class)
                .list());
        assertThat(versions).startsWith(1);

        int appliedAgain = Migrations.apply(database.dataSource(), Database.COMPONENTS);

        assertThat(appliedAgain).isZero();
    }

    @Test
    void settingTableExistsAfterMigration(Database database) {
        database.jdbi().useHandle(handle -> handle.execute(
                "INSERT INTO itop_setting (name, value) VALUES ('probe', 'yes') ON CONFLICT (name) DO NOTHING"));
        String value = database.jdbi().withHandle(handle -> handle
                .createQuery("SELECT value FROM itop_setting WHERE name = 'probe'")
                .mapTo(String.class)
                .one());
        assertThat(value).isEqualTo("yes");
    }
}
