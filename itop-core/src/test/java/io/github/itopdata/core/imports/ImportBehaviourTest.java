package io.github.itopdata.core.imports;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.itopdata.core.db.Database;
import io.github.itopdata.core.testing.PostgresExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class ImportBehaviourTest {

    private static ImportFixture fixture;

    @BeforeAll
    static void createSchema(Database database) {
        fixture = new ImportFixture(database);
    }

    @BeforeEach
    void loadFixture() {
        fixture.reset();
    }

    @Test
    void createWithSummaryOutput() {
        ImportFixture.Run run = fixture.run("name,code,status\nHarbor Tech,HBT,active\n",
                "--class=Organization", "--output=summary", "--charset=<omitted>");

        assertThat(run.output()).isEqualTo("""
                #Output format: summary
                #Class: Organization
                #Separator: ,
                #Qualifier: "
                #Charset Encoding:UTF-8
                #Date format: <none>
                #Localize: no
                #Data Size: 40
                #Data Lines: 1
                #Simulate: 0
                #Columns: name, code, status
                #Reconciliation Keys: name, code
                #Change tracking comment:\s
                #Issues: 0
                #Warnings: 0
                #Created: 1
                #Updated: 0
                #Unchanged: 0
                """);
        assertThat(run.result().exitCode()).isZero();
        assertThat(fixture.count("SELECT count(*) FROM obj_organization WHERE name = 'Harbor Tech' AND code = 'HBT'"
                + " AND status = 'active'")).isEqualTo(1);
        assertThat(fixture.rows("SELECT user_info, origin FROM itop_change")).singleElement().satisfies(change -> {
            assertThat(change.get("user_info")).isEqualTo("Mira Solberg, Web Service (CSV)");
            assertThat(change.get("origin")).isEqualTo("csv-import.php");
        });
    }

    @Test
    void reimportIsIdempotent() {
        String csv = "name,code,status\nHarbor Tech,HBT,active\n";
        fixture.run(csv, "--class=Organization", "--output=summary");
        long operations = fixture.count("SELECT count(*) FROM itop_change_op");

        ImportFixture.Run second = fixture.run(csv, "--class=Organization", "--output=summary");

        assertThat(second.lines()).contains("#Created: 0", "#Unchanged: 1", "#Issues: 0");
        assertThat(fixture.count("SELECT count(*) FROM itop_change")).isEqualTo(1);
        assertThat(fixture.count("SELECT count(*) FROM itop_change_op")).isEqualTo(operations);
    }

    @Test
    void updateOneAttributeWithComment() {
        ImportFixture.Run run = fixture.run("name,code,status\nNorthwind Labs,NWL-2,active\n",
                "--class=Organization", "--reconciliationkeys=name", "--comment=nightly sync");

        assertThat(run.lines()).contains("#Reconciliation Keys: name", "#Change tracking comment: nightly sync",
                "#Updated: 1");
        assertThat(run.output()).endsWith("""
                Line;Status;Object Class;Object Id;name (Name);code (Code);status (Status)
                0;updated 1 cols;Organization;1;Northwind Labs;"NWL-2"Modified;active
                """);
        assertThat(fixture.query("SELECT code FROM obj_organization WHERE id = 1", String.class)).isEqualTo("NWL-2");
        assertThat(fixture.rows("SELECT o.attcode, o.oldvalue, o.newvalue, c.user_info FROM itop_change_op o"
                + " JOIN itop_change c ON c.id = o.change_id WHERE o.objkey = 1")).singleElement().satisfies(op -> {
                    assertThat(op.get("attcode")).isEqualTo("code");
                    assertThat(op.get("oldvalue")).isEqualTo("NWL");
                    assertThat(op.get("newvalue")).isEqualTo("NWL-2");
                    assertThat(op.get("user_info")).isEqualTo("Mira Solberg, Web Service (CSV) - nightly sync");
                });
    }

    @Test
    void localizedHeadersAndKeys() {
        ImportFixture.Run run = fixture.run("First Name,Last Name,Email,Organization->Name\n"
                + "Lena,Okafor,lena.okafor@northwind.example,Northwind Labs\n",
                "--class=Person", "--reconciliationkeys=Last Name,First Name", "--no_localize=<omitted>");

        assertThat(run.lines()).contains("#Localize: yes", "#Columns: first_name, name, email, org_id->name",
                "#Reconciliation Keys: name, first_name");
        assertThat(run.lines()).anyMatch(line -> line.startsWith("0;unchanged;Person;100;"));
    }

    @Test
    void codesAcceptedInLocalizedMode() {
        ImportFixture.Run run = fixture.run("first_name,name,email\nLena,Okafor,lena.okafor@northwind.example\n",
                "--class=Person", "--output=summary", "--no_localize=<omitted>");

        assertThat(run.lines()).contains("#Unchanged: 1", "#Issues: 0");
    }

    @Test
    void reconciliationKeyCodeInLocalizedMode() {
        ImportFixture.Run run = fixture.run("First Name,Last Name\nLena,Okafor\n",
                "--class=Person", "--reconciliationkeys=name", "--no_localize=<omitted>");

        assertThat(run.lines()).contains("#Reconciliation Keys: name");
    }

    @Test
    void defaultKeysIgnoreRemoteFieldColumns() {
        ImportFixture.Run run = fixture.run("first_name,name,email,org_id->name\n"
                + "Lena,Okafor,lena.okafor@northwind.example,Northwind Labs\n", "--class=Person", "--output=summary");

        assertThat(run.lines()).contains("#Reconciliation Keys: name, first_name, email", "#Unchanged: 1");
    }

    @Test
    void noUsableReconciliationKey() {
        ImportFixture.Run run = fixture.run("status\nactive\n", "--class=Organization");

        assertThat(run.lines()).contains("#No reconciliation scheme could be defined, please add a column corresponding"
                + " to one defined reconciliation key (class: 'Organization', reconciliation:name,code)");
        assertThat(run.result().exitCode()).isEqualTo(2);
        assertThat(fixture.count("SELECT count(*) FROM obj_organization")).isEqualTo(2);
    }

    @Test
    void reconciliationKeyAbsentFromColumns() {
        ImportFixture.Run run = fixture.run("name,status\nNorthwind Labs,active\n", "--class=Organization",
                "--reconciliationkeys=code");

        assertThat(run.lines()).contains("#Reconciliation key not found in the input columns: 'code'");
        assertThat(run.result().exitCode()).isEqualTo(2);
    }

    @Test
    void externalKeyNotFoundWhileCreating() {
        ImportFixture.Run run = fixture.run("first_name,name,email,org_id->name\n"
                + "Pavel,Dorn,pavel.dorn@nowhere.example,Acme Unknown\n", "--class=Person");

        assertThat(run.lines()).contains("#Issues: 1", "0;Issue: Unexpected attribute value(s);n/a;n/a;No match for"
                + " value 'Acme Unknown'. Some possible 'Organization' value(s): Bluefin Partners, Northwind Labs;"
                + "\"Pavel\";\"Dorn\";\"pavel.dorn@nowhere.example\"");
        assertThat(fixture.count("SELECT count(*) FROM obj_contact")).isEqualTo(2);
    }

    @Test
    void externalKeyAsReconciliationKeyNotFound() {
        ImportFixture.Run run = fixture.run("first_name,name,email,org_id->name\n"
                + "Irene,Castel,irene.castel@northwind.example,Northwind Labs\n"
                + "Pavel,Dorn,pavel.dorn@nowhere.example,Acme Unknown\n",
                "--class=Person", "--reconciliationkeys=name,first_name,org_id->name");

        long id = fixture.query("SELECT id FROM obj_contact WHERE name = 'Castel'", Long.class);
        assertThat(run.output()).endsWith("#Issues: 1\n#Warnings: 0\n#Created: 1\n#Updated: 0\n#Unchanged: 0\n"
                + "Line;Status;Object Class;Object Id;org_id (Organization - ext key);first_name (First Name);"
                + "name (Last Name);email (Email)\n"
                + "0;created;Person;" + id + ";1;\"Irene\";\"Castel\";\"irene.castel@northwind.example\"\n"
                + "1;Issue: failed to reconcile;n/a;n/a;No match for value 'Acme Unknown'. Some possible 'Organization'"
                + " value(s): Bluefin Partners, Northwind Labs;Pavel;Dorn;pavel.dorn@nowhere.example\n");
        assertThat(run.lines()).contains("#Reconciliation Keys: name, first_name, org_id (name)");
        assertThat(fixture.count("SELECT count(*) FROM obj_contact WHERE name = 'Castel' AND org_id = 1")).isEqualTo(1);
    }

    @Test
    void ambiguousReconciliation() {
        ImportFixture.Run run = fixture.run("name,city\nMain Office,Trondheim\n", "--class=Location",
                "--reconciliationkeys=name");

        assertThat(run.lines()).contains("0;Issue: ambiguous reconciliation;n/a;Invalid value for attribute;"
                + "Main Office;Trondheim");
        assertThat(fixture.count("SELECT count(*) FROM obj_location WHERE city = 'Trondheim'")).isZero();
    }

    @Test
    void idAsReconciliationKey() {
        ImportFixture.Run run = fixture.run("id,name,code\n1,Northwind Labs,NWL-9\n,Delta Forge,DLF\n"
                + "999,Echo Systems,ECS\n", "--class=Organization", "--reconciliationkeys=id");

        long delta = fixture.query("SELECT id FROM obj_organization WHERE name = 'Delta Forge'", Long.class);
        long echo = fixture.query("SELECT id FROM obj_organization WHERE name = 'Echo Systems'", Long.class);
        assertThat(run.lines()).contains("#Created: 2", "#Updated: 1",
                "Line;Status;Object Class;Object Id;id (id (Primary Key));name (Name);code (Code)",
                "0;updated 1 cols;Organization;1;1;Northwind Labs;\"NWL-9\"Modified",
                "1;created;Organization;" + delta + ";;\"Delta Forge\";\"DLF\"",
                "2;created;Organization;" + echo + ";999;\"Echo Systems\";\"ECS\"");
        assertThat(echo).isNotEqualTo(999L);
        assertThat(fixture.count("SELECT count(*) FROM obj_organization WHERE id = 999")).isZero();
    }

    @Test
    void nullIdFailsToReconcile() {
        ImportFixture.Run run = fixture.run("id,name\n<NULL>,Foxtrot Ltd\n", "--class=Organization",
                "--reconciliationkeys=id");

        assertThat(run.lines()).contains("0;Issue: failed to reconcile;n/a;n/a;;Foxtrot Ltd");
        assertThat(fixture.count("SELECT count(*) FROM obj_organization")).isEqualTo(2);
    }

    @Test
    void nonIntegerIdFailsToReconcile() {
        ImportFixture.Run run = fixture.run("id,name\n12abc,Foxtrot Ltd\n", "--class=Organization",
                "--reconciliationkeys=id");

        assertThat(run.lines()).contains("0;Issue: failed to reconcile;n/a;n/a;'12abc' is an invalid value."
                + " Expected an integer id;Foxtrot Ltd");
    }

    @Test
    void emptyCellClearsOptionalAttribute() {
        ImportFixture.Run run = fixture.run("name,code\nBluefin Partners,\n", "--class=Organization",
                "--reconciliationkeys=name");

        assertThat(run.lines()).contains("0;updated 1 cols;Organization;2;Bluefin Partners;\"\"Modified");
        assertThat(fixture.query("SELECT code FROM obj_organization WHERE id = 2", String.class)).isEmpty();
    }

    @Test
    void emptyMandatoryString() {
        ImportFixture.Run run = fixture.run("name,code\n,NWL\n", "--class=Organization",
                "--reconciliationkeys=code");

        assertThat(run.lines()).contains("0;Issue: Unexpected attribute value(s);Organization;1;'' is an invalid value."
                + " Unexpected value for attribute 'name': Null not allowed;NWL");
        assertThat(fixture.query("SELECT name FROM obj_organization WHERE id = 1", String.class))
                .isEqualTo("Northwind Labs");
    }

    @Test
    void enumCodeIsCaseSensitive() {
        ImportFixture.Run run = fixture.run("name,status\nNorthwind Labs,Active\n", "--class=Organization",
                "--reconciliationkeys=name");

        assertThat(run.lines()).contains("0;Issue: Unexpected attribute value(s);Organization;1;Northwind Labs;"
                + "'Active' is an invalid value. Unexpected value for attribute 'status': Value not allowed [Active]");
    }

    @Test
    void dateFormatConversionAndWrongDates() {
        ImportFixture.Run run = fixture.run("name,org_id->name,purchase_date\nsrv-alpha,Northwind Labs,05/03/2024\n"
                + "srv-gamma,Bluefin Partners,2024-03-05\n", "--class=Server", "--date_format=d/m/Y");

        assertThat(run.lines()).contains("#Date and time format: 'd/m/Y'", "#Date format: 'd/m/Y'",
                "#Reconciliation Keys: name", "#Updated: 1", "#Issues: 1");
        assertThat(run.output()).contains("0;updated 1 cols;Server;200;1;srv-alpha;\"05/03/2024\"Modified\n"
                + "1;Issue: wrong date format;n/a;n/a;n/a;srv-gamma;'2024-03-05' is an invalid value. Expected format:"
                + " 23/10/2022\n");
        assertThat(fixture.query("SELECT purchase_date::text FROM obj_functionalci WHERE id = 200", String.class))
                .isEqualTo("2024-03-05");
        assertThat(fixture.count("SELECT count(*) FROM obj_functionalci WHERE name = 'srv-gamma'")).isZero();
    }

    @Test
    void impossibleDateIsWrongDateFormat() {
        ImportFixture.Run run = fixture.run("name,purchase_date\nsrv-alpha,31/02/2024\n", "--class=Server",
                "--date_format=d/m/Y");

        assertThat(run.lines()).anyMatch(line -> line.startsWith("0;Issue: wrong date format;"));
    }

    @Test
    void dateInWrongFormatWithoutDateFormat() {
        ImportFixture.Run run = fixture.run("name,purchase_date\nsrv-alpha,05/03/2024\n", "--class=Server");

        assertThat(run.lines()).contains("0;Issue: Unexpected attribute value(s);Server;200;srv-alpha;'05/03/2024' is"
                + " an invalid value. Wrong format for date attribute purchase_date, expecting \"Y-m-d\"");
        assertThat(fixture.query("SELECT purchase_date::text FROM obj_functionalci WHERE id = 200", String.class))
                .isEqualTo("2023-03-15");
    }

    @Test
    void integerGarbageIsRejected() {
        ImportFixture.Run run = fixture.run("code,qty\nG-1,abc\n", "--class=Gadget");

        assertThat(run.lines()).contains("0;Issue: Unexpected attribute value(s);Gadget;300;G-1;'abc' is an invalid"
                + " value. Unexpected value for attribute 'qty': Wrong format [abc], expected an integer");
        assertThat(fixture.query("SELECT qty FROM obj_gadget WHERE id = 300", Integer.class)).isEqualTo(5);
    }

    @Test
    void otherSeparatorQualifierMultilineAndNull() {
        ImportFixture.Run run = fixture.run("code;label;qty\nG-1;'Multi\nline ''quoted'' label';<NULL>\n",
                "--class=Gadget", "--separator=;", "--qualifier='");

        assertThat(run.lines()).contains("#Separator: ;", "#Qualifier: '", "#Data Lines: 1");
        assertThat(run.lines()).anyMatch(line -> line.startsWith("0;updated 2 cols;Gadget;300;"));
        assertThat(fixture.query("SELECT label FROM obj_gadget WHERE id = 300", String.class))
                .isEqualTo("Multi\nline 'quoted' label");
        assertThat(fixture.query("SELECT qty IS NULL FROM obj_gadget WHERE id = 300", Boolean.class)).isTrue();
    }

    @Test
    void byteOrderMarkIsDroppedForAnyUtf8Spelling() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] text = "name,code\nGolf Avenue,GLF\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] csv = new byte[bom.length + text.length];
        System.arraycopy(bom, 0, csv, 0, bom.length);
        System.arraycopy(text, 0, csv, bom.length, text.length);

        ImportFixture.Run run = fixture.run(csv, "--class=Organization", "--output=summary", "--charset=utf-8");

        assertThat(run.lines()).contains("#Created: 1");
        assertThat(fixture.count("SELECT count(*) FROM obj_organization WHERE name = 'Golf Avenue'")).isEqualTo(1);
    }

    @Test
    void leadingEmptyLineIsSkipped() {
        ImportFixture.Run run = fixture.run("\nname,code\nDelta Forge,DLF\n", "--class=Organization",
                "--output=summary");

        assertThat(run.lines()).contains("#Data Lines: 1", "#Created: 1");
        assertThat(fixture.count("SELECT count(*) FROM obj_organization WHERE name = 'name'")).isZero();
    }

    @Test
    void unknownClass() {
        ImportFixture.Run run = fixture.run("name\nx\n", "--class=Srever", "--output=summary");

        assertThat(run.output()).isEqualTo("#Unknown class: 'Srever'\n");
        assertThat(run.result().exitCode()).isEqualTo(2);
    }

    @Test
    void simulationWritesNothing() {
        ImportFixture.Run run = fixture.run("name,code,status\nHarbor Tech,HBT,active\n", "--class=Organization",
                "--simulate=1");

        assertThat(run.lines()).contains("#Simulate: 1", "#Created: 1",
                "0;created;Organization;0;\"Harbor Tech\";\"HBT\";\"active\"");
        assertThat(fixture.count("SELECT count(*) FROM obj_organization")).isEqualTo(2);
        assertThat(fixture.count("SELECT count(*) FROM itop_change")).isZero();
    }

    @Test
    void retcodeOutput() {
        ImportFixture.Run run = fixture.run("name,status\nNorthwind Labs,active\nBluefin Partners,closed\n"
                + "Hotel Row,<NULL>\n", "--class=Organization", "--reconciliationkeys=name", "--output=retcode");

        assertThat(run.output()).isEqualTo("2");
        assertThat(run.result().exitCode()).isZero();
        assertThat(fixture.count("SELECT count(*) FROM obj_organization")).isEqualTo(2);
    }

    @Test
    void mandatoryExternalKeyWithoutColumn() {
        ImportFixture.Run run = fixture.run("name,city\nFjord Office,Troms\u00f8\n", "--class=Location");

        assertThat(run.lines()).contains("0;Issue: Could not be created, due to missing external key(s): Owner"
                + " organization;n/a;n/a;\"Fjord Office\";\"Troms\u00f8\"");
    }

    @Test
    void caseLogAppends() {
        ImportFixture.Run run = fixture.run("code,journal\nG-1,Checked by import\n", "--class=Gadget");
        ImportFixture.Run again = fixture.run("code,journal\nG-1,Checked by import\n", "--class=Gadget");

        assertThat(run.lines()).anyMatch(line -> line.startsWith("0;updated 1 cols;Gadget;300;"));
        assertThat(again.lines()).anyMatch(line -> line.startsWith("0;updated 1 cols;Gadget;300;"));
        String journal = fixture.query("SELECT journal FROM obj_gadget WHERE id = 300", String.class);
        assertThat(journal.split("==========", -1)).hasSize(7);
        assertThat(journal).startsWith("========== ").contains(": Mira Solberg ============\n\nChecked by import\n");
    }

    @Test
    void fieldLevelDiff() {
        ImportFixture.Run run = fixture.run("name,code,status\nNorthwind Labs,NWL-2,inactive\n"
                + "Bluefin Partners,BFP,active\n", "--class=Organization", "--reconciliationkeys=name",
                "--output=diff");

        assertThat(run.lines()).contains("#Output format: diff", "#Updated: 1", "#Unchanged: 1");
        assertThat(run.output()).endsWith("""
                Line;Status;Object Class;Object Id;name (Name);code (Code);status (Status)
                0;updated 2 cols;Organization;1;Northwind Labs;"NWL-2"Modified;"inactive"Modified
                #  code: "NWL" -> "NWL-2"
                #  status: "active" -> "inactive"
                1;unchanged;Organization;2;Bluefin Partners;BFP;active
                """);
    }
}
