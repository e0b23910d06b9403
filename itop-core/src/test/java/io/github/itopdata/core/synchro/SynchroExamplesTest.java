package io.github.itopdata.core.synchro;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.itopdata.core.auth.Profile;
import io.github.itopdata.core.auth.Users;
import io.github.itopdata.core.db.Database;
import io.github.itopdata.core.imports.CsvImporter;
import io.github.itopdata.core.imports.ImportInput;
import io.github.itopdata.core.imports.ImportRequest;
import io.github.itopdata.core.imports.ImportUser;
import io.github.itopdata.core.testing.PostgresExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The README's data source example: its definition and feed in examples/ synchronize, then load again unchanged. */
@ExtendWith(PostgresExtension.class)
class SynchroExamplesTest {

    private static final Path EXAMPLES = Path.of(System.getProperty("user.dir")).getParent().resolve("examples");

    @Test
    void exampleSourceSynchronizesItsFeed(Database database) throws IOException {
        SynchroFixture fixture = new SynchroFixture(database);
        fixture.reset();
        Users users = new Users(database);
        if (users.find("admin").isEmpty()) {
            users.create("admin", "Change-me-42", Set.of(Profile.ADMINISTRATOR));
        }
        ByteArrayOutputStream report = new ByteArrayOutputStream();
        new CsvImporter(database.jdbi(), fixture.mapping.model()).run(
                ImportRequest.fromParameters(Map.of("class", "Organization", "no_localize", "1")),
                ImportInput.of(EXAMPLES.resolve("organizations.csv")), ImportUser.trusted("Example"), report);

        DataSources.Defined defined = fixture.sources.define(Files.readString(EXAMPLES.resolve("servers.json")));
        String feed = Files.readString(EXAMPLES.resolve("servers.csv"), StandardCharsets.UTF_8);
        SynchroFixture.Call first = fixture.load(defined.source(), feed);
        SynchroFixture.Call again = fixture.load(defined.source(), feed);

        assertThat(report.toString(StandardCharsets.UTF_8)).contains("#Issues: 0\n");
        assertThat(defined.warnings()).isEmpty();
        assertThat(first.exitCode()).isZero();
        assertThat(first.lines()).contains("#Created (before synchro): 3", "#Objects created: 3 (0 warnings)");
        assertThat(again.lines()).contains("#Updated (before synchro): 3", "#Objects created: 0 (0 warnings)",
                "#Objects updated: 0 (0 warnings)");
        assertThat(fixture.count("SELECT count(*) FROM obj_functionalci f JOIN obj_organization o ON o.id = f.org_id"
                + " WHERE o.code = 'HBT'")).isEqualTo(2);
    }
}
