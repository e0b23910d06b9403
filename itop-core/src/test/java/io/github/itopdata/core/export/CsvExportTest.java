package io.github.itopdata.core.export;

import static io.github.itopdata.core.export.ExportFixture.csv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.itopdata.core.db.Database;
import io.github.itopdata.core.testing.PostgresExtension;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CsvExportTest {

    private ExportFixture fixture;

    @BeforeAll
    void load(Database database) {
        fixture = new ExportFixture(database, true);
    }

    @Test
    void obsoleteObjectsHiddenAndOrderedByName() {
        assertThat(fixture.text(csv("SELECT Organization", "name,code").build())).isEqualTo("""
                "Name","Code"
                "Bluefin Systems","BFS"
                "Cedar Works","CDW"
                "Northwind Labs","NWL"
                """);
    }

    @Test
    void withArchiveIncludesObsolete() {
        assertThat(fixture.text(csv("SELECT Organization", "name,code").includeObsolete(true).build()))
                .endsWith("\"Northwind Labs\",\"NWL\"\n\"Old Harbor Co\",\"OHC\"\n");
    }

    @Test
    void noLocalizeUsesCodesInHeader() {
        assertThat(fixture.text(csv("SELECT Organization", "id,name").localized(false).build()))
                .startsWith("\"id\",\"name\"\n2,\"Bluefin Systems\"\n");
    }

    @Test
    void idHeaderIsPrimaryKeyLabel() {
        assertThat(fixture.text(csv("SELECT Organization", "id,name").build())).startsWith("\"id (Primary Key)\",\"Name\"\n");
    }

    @Test
    void parameterBindsAndFriendlyNameReads() {
        assertThat(fixture.text(csv("SELECT Person WHERE org_id = :org", "friendlyname").arguments(Map.of("org", "2")).build()))
                .isEqualTo("\"Full name\"\n\"Bruno Tamm\"\n\"Chloé Varga\"\n");
    }

    @Test
    void missingArgumentIsReported() {
        ExportException error = catchThrowableOfType(ExportException.class,
                () -> fixture.text(csv("SELECT Person WHERE org_id = :org", "friendlyname").build()));

        assertThat(error.lines()).containsExactly("Invalid OQL query: 'SELECT Person WHERE org_id = :org'.",
                "Missing parameter '--arg_org'");
        assertThat(error.showUsage()).isTrue();
        assertThat(error.reason().exitCode()).isEqualTo(2);
    }

    @Test
    void builtInParameterNeedsNoArgument() {
        assertThat(fixture.text(csv("SELECT Person WHERE id = :current_contact_id", "first_name")
                .builtInArguments(Map.of("current_contact_id", "10")).build())).isEqualTo("\"First Name\"\n\"Ada\"\n");
    }

    @Test
    void missingFieldsIsReported() {
        ExportException error = catchThrowableOfType(ExportException.class, () -> fixture.text(csv("SELECT Person", null).build()));

        assertThat(error.lines()).containsExactly("Missing parameter: fields");
    }

    @Test
    void unknownFieldNamesClassAndSuggestion() {
        ExportException error = catchThrowableOfType(ExportException.class,
                () -> fixture.text(csv("SELECT Person", "name,nickname,emial").build()));

        assertThat(error.lines()).containsExactly(
                "Wrong field specification 'nickname': Unknown attribute nickname from class Person",
                "Wrong field specification 'emial': Unknown attribute emial from class Person; did you mean 'email'?");
    }

    @Test
    void unknownAliasListsAvailableAliases() {
        ExportException error = catchThrowableOfType(ExportException.class,
                () -> fixture.text(csv("SELECT Person AS P", "X.name").build()));

        assertThat(error.lines()).containsExactly("Invalid alias 'X' for the column 'X.name'. Availables aliases: 'P'");
    }

    @Test
    void subclassFieldRejectedOnParentClass() {
        ExportException error = catchThrowableOfType(ExportException.class,
                () -> fixture.text(csv("SELECT Contact", "first_name").build()));

        assertThat(error.lines()).containsExactly("Wrong field specification 'first_name': Unknown attribute first_name from class Contact");
    }

    @Test
    void emptyFieldItemIsRejected() {
        ExportException error = catchThrowableOfType(ExportException.class,
                () -> fixture.text(csv("SELECT Person", "name,,email").build()));

        assertThat(error.lines()).containsExactly("Wrong field specification '': Unknown attribute  from class Person");
    }

    @Test
    void fieldItemsAreTrimmed() {
        assertThat(fixture.text(csv("SELECT Person", " name , email ").build()))
                .isEqualTo(fixture.text(csv("SELECT Person", "name,email").build()));
    }

    @Test
    void typedValuesFollowQuotingRules() {
        assertThat(fixture.text(csv("SELECT Server", "name,cpu_count,ram_gb,monitored,purchase_date,last_scan").build()))
                .isEqualTo("""
                        "Name","CPU count","RAM (GB)","Monitored","Purchase date","Last scan"
                        "srv-alpha",8,16.00,Yes,"2021-03-15","2024-05-02 14:30:00"
                        "srv-beta",,,No,,
                        """);
    }

    @Test
    void dateFormatApplies() {
        assertThat(fixture.text(csv("SELECT Server", "purchase_date,last_scan").dateFormat("d/m/Y H:i").build()))
                .contains("\"15/03/2021\",\"02/05/2024 14:30\"");
    }

    @Test
    void invalidDateFormatIsRejected() {
        ExportException error = catchThrowableOfType(ExportException.class,
                () -> fixture.text(csv("SELECT Server", "name").dateFormat("%%").build()));

        assertThat(error.lines()).containsExactly("Invalid date_format '%%'");
    }

    @Test
    void codesAndTagsWithoutLocalization() {
        assertThat(fixture.text(csv("SELECT Server", "name,status,tags").localized(false).build())).isEqualTo("""
                "name","status","tags"
                "srv-alpha","production","linux|db"
                "srv-beta","implementation",""
                """);
    }

    @Test
    void htmlTextBecomesPlainText() {
        assertThat(fixture.text(csv("SELECT Server WHERE name = 'srv-alpha'", "notes").build()))
                .isEqualTo("\"Notes\"\n\"Rack 4, \"\"top\"\" shelf\"\n");
        assertThat(fixture.text(csv("SELECT Server WHERE name = 'srv-alpha'", "notes").formattedText(true).build()))
                .isEqualTo("\"Notes\"\n\"<p>Rack 4, \"\"top\"\" shelf</p>\"\n");
    }

    @Test
    void separatorAndQualifierApply() {
        assertThat(fixture.text(csv("SELECT Person WHERE name = \"O'Neil\"", "name").separator('\t').textQualifier((int) '\'')
                .includeObsolete(true).build())).isEqualTo("'Last Name'\n'O''Neil'\n");
    }

    @Test
    void charsetConvertsEachValue() {
        byte[] bytes = fixture.bytes(csv("SELECT Person WHERE id = 12", "first_name").charset("iso-8859-1").build());

        assertThat(bytes).containsSubsequence(new byte[] {'C', 'h', 'l', 'o', (byte) 0xE9});
        assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).isEqualTo("\"First Name\"\n\"Chloé\"\n");
    }

    @Test
    void charsetTransliteratesMissingCharacters() {
        assertThat(new String(fixture.bytes(csv("SELECT Person WHERE id = 12", "first_name").charset("US-ASCII").build()),
                StandardCharsets.US_ASCII)).isEqualTo("\"First Name\"\n\"Chloe\"\n");
    }

    @Test
    void unknownCharsetIsRejected() {
        ExportException error = catchThrowableOfType(ExportException.class,
                () -> fixture.text(csv("SELECT Person", "name").charset("klingon-8").build()));

        assertThat(error.lines()).containsExactly("Unsupported charset 'klingon-8'");
    }

    @Test
    void outerJoinKeepsPersonsWithoutLocation() {
        assertThat(fixture.text(csv("SELECT P, L FROM Person AS P JOIN Location AS L ON P.location_id = L.id", "P.name").build()))
                .isEqualTo("\"P.Last Name\"\n\"Quill\"\n\"Tamm\"\n\"Varga\"\n");
    }

    @Test
    void multiClassHeaderIsPrefixed() {
        assertThat(fixture.text(csv("SELECT P, O FROM Person AS P JOIN Organization AS O ON P.org_id = O.id", "P.name,O.code").build()))
                .isEqualTo("""
                        "P.Last Name","O.Code"
                        "Quill","NWL"
                        "Tamm","BFS"
                        "Varga","BFS"
                        """);
    }

    @Test
    void keyPathsAndExternalFieldsRead() {
        assertThat(fixture.text(csv("SELECT Person", "first_name,name,org_id,org_id->name,email").build())).isEqualTo("""
                "First Name","Last Name","Organization","Organization->Name","Email"
                "Ada","Quill",1,"Northwind Labs","ada.quill@example.org"
                "Bruno","Tamm",2,"Bluefin Systems",""
                "Chloé","Varga",2,"Bluefin Systems",""
                """);
        assertThat(fixture.text(csv("SELECT Person WHERE id = 11", "org_name,org_id_friendlyname,org_id->parent_id,"
                + "org_id->parent_id->code,location_id,location_id->name").build())).isEqualTo("""
                "Organization name","Organization","Organization->Parent","Organization->Parent->Code","Location","Location->Name"
                "Bluefin Systems","Bluefin Systems",1,"NWL",0,""
                """);
    }

    @Test
    void noLocalizeHeaderKeepsSpecWithoutAlias() {
        assertThat(fixture.text(csv("SELECT Person AS p", "p.org_id->name,friendlyname").localized(false).separator(';')
                .build())).startsWith("\"org_id->name\";\"friendlyname\"\n\"Northwind Labs\";\"Ada Quill\"\n");
    }

    @Test
    void formulasStayUnlessNeutralized() {
        String oql = "SELECT Organization WHERE id = 1";
        String plain = fixture.text(csv(oql, "name").build());
        assertThat(plain).isEqualTo("\"Name\"\n\"Northwind Labs\"\n");
        assertThat(fixture.text(csv("SELECT Person WHERE id = 10", "email").neutralizeFormulas(true).build()))
                .isEqualTo("\"Email\"\n\"ada.quill@example.org\"\n");
    }

    @Test
    void unionExportsCommonAncestor() {
        assertThat(fixture.text(csv("SELECT Person WHERE id = 10 UNION SELECT Team", "name,finalclass").localized(false).build()))
                .isEqualTo("\"name\",\"finalclass\"\n\"Quill\",\"Person\"\n\"Ops Team\",\"Team\"\n");
    }

    @Test
    void legacyHeaderFollowsModelOrderUnquotedWithBom() {
        byte[] bytes = fixture.bytes(csv("SELECT Organization", "code,name").legacy(true).includeObsolete(true).build());

        assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
        assertThat(new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8)).isEqualTo("""
                Name,Code
                "Bluefin Systems","BFS"
                "Cedar Works","CDW"
                "Northwind Labs","NWL"
                "Old Harbor Co","OHC"
                """);
    }

    @Test
    void legacyRejectsIdField() {
        ExportException error = catchThrowableOfType(ExportException.class,
                () -> fixture.text(csv("SELECT Organization", "id,name").legacy(true).build()));

        assertThat(error.lines()).containsExactly("Invalid field specification id: id is not a valid attribute for Organization");
    }

    @Test
    void invalidQueryShowsCaret() {
        ExportException error = catchThrowableOfType(ExportException.class,
                () -> fixture.text(csv("SELECT Person WHERE nmae = 'x'", "name").build()));

        assertThat(error.lines().get(0)).isEqualTo("Invalid OQL query: 'SELECT Person WHERE nmae = 'x''.");
        assertThat(error.lines().get(1)).startsWith("Unknown filter code - found 'nmae' at 20");
        assertThat(error.lines().get(3)).isEqualTo("                    ^");
    }

    @Test
    void lexicalErrorHasNoQueryLine() {
        ExportException error = catchThrowableOfType(ExportException.class,
                () -> fixture.text(csv("SELECT Server WHERE cpu_count % 2 = 0", "name").build()));

        assertThat(error.lines().get(0)).isEqualTo("Unexpected input at line 1: %");
    }
}
