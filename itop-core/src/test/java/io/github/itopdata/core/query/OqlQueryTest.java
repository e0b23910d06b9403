package io.github.itopdata.core.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.itopdata.core.db.Database;
import io.github.itopdata.core.model.Model;
import io.github.itopdata.core.store.SchemaMapping;
import io.github.itopdata.core.testing.PostgresExtension;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OqlQueryTest {

    private static final Model MODEL = FixtureModel.build();
    private static final SchemaMapping MAPPING = SchemaMapping.of(MODEL);
    private final OqlCompiler compiler = new OqlCompiler(MODEL);
    private Database database;

    @BeforeAll
    void loadFixture(Database database) {
        this.database = database;
        FixtureData.load(database, MAPPING);
    }

    @Test
    void classQueryReturnsItsObjects() {
        assertThat(ids("SELECT Person")).containsExactly(10L, 11L, 12L, 13L);
    }

    @Test
    void parentClassQueryReturnsSubclassObjects() {
        assertThat(rows("SELECT Contact")).containsExactlyInAnyOrder("10:Person", "11:Person", "12:Person", "13:Person", "20:Team");
    }

    @Test
    void finalclassFiltersSubclasses() {
        assertThat(ids("SELECT Contact WHERE finalclass = 'Team'")).containsExactly(20L);
        assertThat(ids("SELECT Contact WHERE finalclass IN ('person')")).containsExactlyInAnyOrder(10L, 11L, 12L, 13L);
    }

    @Test
    void likeIgnoresCase() {
        assertThat(ids("SELECT Person WHERE name LIKE 't%'")).containsExactly(11L);
    }

    @Test
    void equalityIgnoresCase() {
        assertThat(ids("SELECT Person WHERE name = 'QUILL'")).containsExactly(10L);
    }

    @Test
    void equalityIgnoresAccents() {
        assertThat(ids("SELECT Person WHERE first_name = 'Chloe'")).containsExactly(12L);
    }

    @Test
    void escapedQuoteStringMatchesNothing() {
        assertThat(ids("SELECT Organization WHERE code = \"B\\\"F\"")).isEmpty();
    }

    @Test
    void andBindsTighterThanOr() {
        assertThat(ids("SELECT Organization WHERE name = 'Old Harbor Co' OR code = 'NWL' AND status = 'active'"))
                .containsExactlyInAnyOrder(3L, 1L);
    }

    @Test
    void joinOnLinkListsEachPersonOnce() {
        assertThat(ids("SELECT Person AS p JOIN lnkPersonToTeam AS l ON l.person_id = p.id WHERE first_name = 'Ada'"))
                .containsExactly(10L);
        assertThat(ids("SELECT Person AS p JOIN lnkPersonToTeam AS l ON l.person_id = p.id")).containsExactly(10L, 11L);
    }

    @Test
    void belowIncludesRoot() {
        assertThat(ids("SELECT Organization AS child JOIN Organization AS root ON child.parent_id BELOW root.id WHERE root.id = 2"))
                .containsExactlyInAnyOrder(2L, 4L);
        assertThat(ids("SELECT Organization AS child JOIN Organization AS root ON child.parent_id BELOW root.id WHERE root.id = 1"))
                .containsExactlyInAnyOrder(1L, 2L, 4L);
    }

    @Test
    void belowStrictExcludesRoot() {
        assertThat(ids("SELECT Organization AS child JOIN Organization AS root ON child.parent_id BELOW STRICT root.id"
                + " WHERE root.id = 2")).containsExactly(4L);
    }

    @Test
    void aboveListsAncestors() {
        assertThat(ids("SELECT Organization AS o JOIN Organization AS leaf ON o.parent_id ABOVE leaf.id WHERE leaf.id = 4"))
                .containsExactlyInAnyOrder(1L, 2L, 4L);
        assertThat(ids("SELECT Organization AS o JOIN Organization AS leaf ON o.parent_id ABOVE STRICT leaf.id WHERE leaf.id = 4"))
                .containsExactlyInAnyOrder(1L, 2L);
    }

    @Test
    void notBelowIsComplement() {
        assertThat(ids("SELECT Organization AS child JOIN Organization AS root ON child.parent_id NOT BELOW root.id"
                + " WHERE root.id = 2")).containsExactlyInAnyOrder(1L, 3L);
        assertThat(ids("SELECT Organization AS child JOIN Organization AS root ON child.parent_id NOT BELOW STRICT root.id"
                + " WHERE root.id = 2")).containsExactlyInAnyOrder(1L, 2L, 3L);
    }

    @Test
    void multiAliasSelectReturnsPairs() {
        assertThat(rows("SELECT p, o FROM Person AS p JOIN Organization AS o ON p.org_id = o.id WHERE o.code = 'BFS'"))
                .containsExactly("11:Person,2:Organization", "12:Person,2:Organization");
    }

    @Test
    void joinedAliasListedOnce() {
        assertThat(ids("SELECT o FROM Person AS p JOIN Organization AS o ON p.org_id = o.id")).containsExactlyInAnyOrder(1L, 2L, 4L);
    }

    @Test
    void subqueryFiltersOnIds() {
        assertThat(ids("SELECT Person WHERE org_id IN (SELECT Organization AS o WHERE o.code LIKE 'B%')"))
                .containsExactly(11L, 12L);
        assertThat(ids("SELECT Team WHERE id NOT IN (SELECT Team AS t JOIN lnkPersonToTeam AS l ON l.team_id = t.id)")).isEmpty();
    }

    @Test
    void unionReturnsCommonAncestorRows() {
        assertThat(rows("SELECT Person UNION SELECT Team"))
                .containsExactlyInAnyOrder("10:Person", "11:Person", "12:Person", "13:Person", "20:Team");
    }

    @Test
    void emptyKeyIsZero() {
        assertThat(ids("SELECT Person WHERE location_id = 0")).containsExactly(10L, 11L, 12L, 13L);
        assertThat(ids("SELECT Contact WHERE ISNULL(org_name)")).isEmpty();
    }

    @Test
    void nullComparisonSelectsNothing() {
        assertThat(ids("SELECT Person WHERE email = NULL")).isEmpty();
        assertThat(ids("SELECT Person WHERE email = ''")).containsExactly(11L, 12L, 13L);
    }

    @Test
    void matchesFindsTag() {
        assertThat(ids("SELECT Server WHERE tags MATCHES 'db'")).containsExactly(30L);
    }

    @Test
    void dateArithmeticCompares() {
        assertThat(ids("SELECT Server WHERE last_scan > DATE_SUB('2024-05-03 00:00:00', INTERVAL 1 DAY)")).containsExactly(30L);
    }

    @Test
    void parameterIsBoundAsValue() {
        assertThat(ids("SELECT Person WHERE org_id = :org", Map.of("org", "2"))).containsExactly(11L, 12L);
    }

    @Test
    void missingParameterNamesArgument() {
        OqlException error = catchThrowableOfType(OqlException.class, () -> ids("SELECT Person WHERE org_id = :org"));

        assertThat(error.getMessage()).isEqualTo("Missing parameter '--arg_org'");
    }

    @Test
    void outerJoinKeepsObjectsWithoutKey() {
        assertThat(rows("SELECT p, l FROM Person AS p JOIN Location AS l ON p.location_id = l.id"))
                .containsExactly("10:Person,null:null", "11:Person,null:null", "12:Person,null:null", "13:Person,null:null");
        assertThat(ids("SELECT Person AS p JOIN Location AS l ON p.location_id = l.id")).containsExactly(10L, 11L, 12L, 13L);
    }

    @Test
    void externalFieldAndFriendlyNameFilter() {
        assertThat(ids("SELECT Person WHERE org_name = 'Bluefin Systems'")).containsExactly(11L, 12L);
        assertThat(ids("SELECT Person WHERE friendlyname = 'ada quill'")).containsExactly(10L);
        assertThat(ids("SELECT Person WHERE org_id_friendlyname LIKE 'north%'")).containsExactly(10L);
    }

    @Test
    void obsoleteObjectsHiddenOnRequest() {
        assertThat(ids("SELECT Organization", Map.of(), true)).containsExactly(2L, 4L, 1L);
        assertThat(ids("SELECT Contact WHERE obsolescence_flag = 1")).containsExactly(13L);
    }

    @Test
    void functionsEvaluate() {
        assertThat(ids("SELECT Server WHERE YEAR(purchase_date) = 2021 AND CONCAT(name, '-x') = 'SRV-ALPHA-X'")).containsExactly(30L);
        assertThat(ids("SELECT Server WHERE IF(ISNULL(cpu_count), 1, 0) = 1")).containsExactly(31L);
        assertThat(ids("SELECT Server WHERE COALESCE(cpu_count, 0) = 0 AND monitored = 0")).containsExactly(31L);
        assertThat(ids("SELECT Server WHERE INET_NTOA(INET_ATON('10.0.0.1')) = '10.0.0.1' AND ram_gb > '15.5'")).containsExactly(30L);
        assertThat(ids("SELECT Server WHERE DATE_FORMAT(last_scan, '%d/%m/%Y') = '02/05/2024'")).containsExactly(30L);
        assertThat(ids("SELECT Server WHERE TO_DAYS(FROM_DAYS(TO_DAYS(purchase_date))) = TO_DAYS('2021-03-15')")).containsExactly(30L);
        assertThat(ids("SELECT Server WHERE ELT(2, 'a', 'srv-beta') = name OR SUBSTR(TRIM('  alpha '), 1, 2) = 'xx'"))
                .containsExactly(31L);
        assertThat(ids("SELECT Server WHERE ROUND(ram_gb / 3, 1) = '5.3' AND FLOOR(ram_gb) = 16")).containsExactly(30L);
        assertThat(ids("SELECT Server WHERE (cpu_count & 12) = 8 AND (cpu_count << 1) = 16 AND name REGEXP '^SRV-a'"))
                .containsExactly(30L);
    }

    @Test
    void whereOneIsTrue() {
        assertThat(ids("SELECT Organization WHERE 1")).hasSize(4);
    }

    @Test
    void rowsComeInFriendlyNameOrder() {
        assertThat(ids("SELECT Organization")).containsExactly(2L, 4L, 1L, 3L);
    }

    @Test
    void injectionThroughStringIsBound() {
        assertThat(ids("SELECT Organization WHERE name = 'x\\' OR \\'1\\'=\\'1' OR code = \"x'; DROP TABLE obj_organization; --\""))
                .isEmpty();
        assertThat(ids("SELECT Organization WHERE name = :p", Map.of("p", "' OR 1=1 --"))).isEmpty();
        assertThat(ids("SELECT Organization")).hasSize(4);
    }

    private List<Long> ids(String oql) {
        return ids(oql, Map.of(), false);
    }

    private List<Long> ids(String oql, Map<String, String> arguments) {
        return ids(oql, arguments, false);
    }

    private List<Long> ids(String oql, Map<String, String> arguments, boolean hideObsolete) {
        List<Long> ids = new ArrayList<>();
        for (String row : run(oql, arguments, hideObsolete)) {
            ids.add(Long.parseLong(row.substring(0, row.indexOf(':'))));
        }
        return ids;
    }

    private List<String> rows(String oql) {
        return run(oql, Map.of(), false);
    }

    private List<String> run(String oql, Map<String, String> arguments, boolean hideObsolete) {
        CheckedQuery query = compiler.compile(oql);
        SqlQuery sql = compiler.toSql(MAPPING, query, arguments, hideObsolete, List.of());
        List<String> rows = new ArrayList<>();
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement(sql.sql())) {
            for (int i = 0; i < sql.parameters().size(); i++) {
                statement.setObject(i + 1, sql.parameters().get(i));
            }
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    StringBuilder row = new StringBuilder();
                    for (int a = 0; a < sql.aliasCount(); a++) {
                        row.append(a == 0 ? "" : ",").append(result.getObject(sql.idColumn(a))).append(':')
                                .append(result.getString(sql.finalClassColumn(a)));
                    }
                    rows.add(row.toString());
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage() + "\nSQL: " + sql.sql(), e);
        }
        return rows;
    }
}
