package io.github.itopdata.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.itopdata.core.db.Database;
import io.github.itopdata.core.testing.PostgresExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class TextFoldTest {

    private static String fold(Database database, String value) {
        return database.jdbi().withHandle(handle -> handle.createQuery("SELECT itop_fold(:value)")
                .bind("value", value).mapTo(String.class).one());
    }

    @Test
    void foldIgnoresCase(Database database) {
        assertThat(fold(database, "ATLAS")).isEqualTo(fold(database, "atlas"));
    }

    @Test
    void foldIgnoresAccents(Database database) {
        assertThat(fold(database, "Zoë Ångström-Çelik")).isEqualTo("zoe angstrom-celik");
        assertThat(fold(database, "ŁÓDŹ Øresund Đorđe")).isEqualTo("lodz oresund dorde");
    }

    @Test
    void foldExpandsLigatures(Database database) {
        assertThat(fold(database, "Straße Æther Œuvre")).isEqualTo("strasse aether oeuvre");
    }

    @Test
    void foldIgnoresTrailingSpacesOnly(Database database) {
        assertThat(fold(database, "srv-01   ")).isEqualTo("srv-01");
        assertThat(fold(database, "  srv-01")).isEqualTo("  srv-01");
        assertThat(fold(database, "srv-01\t")).isEqualTo("srv-01\t");
    }

    @Test
    void foldKeepsNull(Database database) {
        assertThat(fold(database, null)).isNull();
    }

    @Test
    void foldIndexServesMatching(Database database) {
        String plan = database.jdbi().inTransaction(handle -> {
            handle.execute("CREATE TABLE fold_probe (name text)");
            handle.execute("INSERT INTO fold_probe SELECT 'name-' || g FROM generate_series(1, 5000) g");
            handle.execute("CREATE INDEX fold_probe_fold ON fold_probe (itop_fold(name))");
            handle.execute("ANALYZE fold_probe");
            return String.join("\n", handle.createQuery(
                    "EXPLAIN SELECT * FROM fold_probe WHERE itop_fold(name) = itop_fold('NAME-42 ')")
                    .mapTo(String.class).list());
        });

        assertThat(plan).contains("fold_probe_fold");
    }
}
