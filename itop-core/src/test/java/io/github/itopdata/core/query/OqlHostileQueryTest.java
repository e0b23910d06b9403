package io.github.itopdata.core.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.itopdata.core.model.Model;
import io.github.itopdata.core.store.SchemaMapping;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Queries written to break the parser or to smuggle SQL: each must end in an OQL error, never in
 * another exception, and values must never reach the SQL text.
 */
class OqlHostileQueryTest {

    private static final Model MODEL = FixtureModel.build();
    private static final SchemaMapping MAPPING = SchemaMapping.of(MODEL);
    private static final OqlCompiler COMPILER = new OqlCompiler(MODEL);

    static List<String> hostileQueries() {
        return List.of(
                "SELECT Person WHERE name = 'x'; DROP TABLE obj_contact",
                "SELECT Person; DELETE FROM obj_contact",
                "SELECT Person WHERE name = 'x' -- comment",
                "SELECT Person WHERE name = 'x' # comment",
                "SELECT Person /* comment */ WHERE id = 1",
                "SELECT `Person\"; DROP TABLE obj_contact; --`",
                "SELECT Person WHERE `name\" = '' OR 1=1 --` = 1",
                "SELECT Person WHERE name = :x;drop",
                "SELECT Person WHERE name = :",
                "SELECT Person WHERE name = :'x'",
                "SELECT Person WHERE (name = 'x'",
                "SELECT Person WHERE name = 'x')",
                "SELECT Person WHERE ((((((id = 1)))))))",
                "SELECT Person WHERE " + "(".repeat(10_000) + "id = 1" + ")".repeat(10_000),
                "SELECT Person WHERE " + "(".repeat(10_000),
                "SELECT Person WHERE id IN (" + "SELECT Person WHERE id IN (".repeat(5_000) + "1" + ")".repeat(5_001),
                "SELECT Person WHERE " + "COALESCE(".repeat(2_000) + "1" + ")".repeat(2_000) + " = 1",
                "SELECT Person WHERE SLEEP(10) = 0",
                "SELECT Person WHERE pg_sleep(10) = 0",
                "SELECT Person WHERE VERSION() = 1",
                "SELECT Person WHERE name = 'unterminated",
                "SELECT Person WHERE name = \"bad \\x escape\"",
                "SELECT Person WHERE name = 'x' UNION SELECT User",
                "SELECT Person WHERE id = 1 UNION",
                "SELECT Person WHERE id = 0x",
                "SELECT Person WHERE id = 1e3",
                "SELECT Person WHERE id = 1.5",
                "SELECT Person WHERE name = 'a' || 'b'",
                "SELECT Person WHERE name ~ 'a'",
                "SELECT Person WHERE id = ?",
                "SELECT Person WHERE id = $1",
                "SELECT Person WHERE name = 'x\u0000'; DROP",
                "SELECT Person WHERE id = 1 AND",
                "SELECT Person WHERE 'db' MATCHES tags",
                "SELECT Person WHERE DATE_ADD(NOW(), INTERVAL 1 WEEK) > 0",
                "SELECT Person WHERE DATE_ADD(NOW(), 1) > 0",
                "SELECT Person WHERE name = 'x' AND obj_contact.id = 1",
                "SELECT obj_contact",
                "SELECT Person JOIN Person ON Person.org_id = Person.id",
                "SELECT Person AS p WHERE p.id IN (SELECT p, o FROM Person AS p JOIN Organization AS o ON p.org_id = o.id)",
                "SELECT Person WHERE id = 1 - - 1",
                "",
                "   ",
                "SELECT",
                "SELECT 'Person'",
                "SELECT Person WHERE name LIKE 'a' ESCAPE '!'",
                "SELECT * FROM Person",
                "select Person");
    }

    @ParameterizedTest
    @MethodSource("hostileQueries")
    void hostileQueryEndsInOqlError(String query) {
        Throwable thrown = catchThrowable(() -> COMPILER.compile(query));

        assertThat(thrown).isInstanceOf(OqlException.class);
        assertThat(thrown.getMessage()).isNotBlank();
    }

    @Test
    void valuesNeverReachSqlText() {
        String marker = "INJECTED_MARKER";
        CheckedQuery query = COMPILER.compile("SELECT Person WHERE name = '" + marker + "' OR email LIKE \"%" + marker
                + "%\" OR id IN (12345678, :p) OR first_name = :current_user->login");

        SqlQuery sql = COMPILER.toSql(MAPPING, query, Map.of("p", marker, "current_user->login", marker), false, List.of());

        assertThat(sql.sql()).doesNotContain(marker).doesNotContain("12345678");
        assertThat(sql.parameters()).contains(marker, 12345678L);
    }

    @Test
    void backQuotedAliasNeverReachesSqlText() {
        CheckedQuery query = COMPILER.compile("SELECT Person AS `x\"; DROP TABLE t; --` WHERE `x\"; DROP TABLE t; --`.id = 1");

        // Table aliases in SQL are generated, so an alias written in OQL never appears there.
        assertThat(COMPILER.toSql(MAPPING, query, Map.of(), false, List.of()).sql()).doesNotContain("DROP");
    }
}
