package io.github.itopdata.core.imports;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.itopdata.core.db.Database;
import io.github.itopdata.core.testing.PostgresExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Import behaviour beyond iTop's own cases: our additions and stricter rules. */
@ExtendWith(PostgresExtension.class)
class ImportRulesTest {

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
    void allOrNothingWithOneBadRow() {
        ImportFixture.Run run = fixture.run("code,qty\nG-2,4\nG-1,abc\nG-3,7\n", "--class=Gadget",
                "--transaction=all", "--output=summary");

        assertThat(run.lines()).contains("#Issues: 1", "#Created: 2");
        assertThat(run.lines()).contains("#Transaction: all, rolled back because 1 row(s) have issues; nothing was written");
        assertThat(run.result().written()).isFalse();
        assertThat(fixture.count("SELECT count(*) FROM obj_gadget")).isEqualTo(1);
        assertThat(fixture.count("SELECT count(*) FROM itop_change")).isZero();
    }

    @Test
    void allOrNothingWritesEverythingWhenValid() {
        ImportFixture.Run run = fixture.run("code,qty\nG-2,4\nG-3,7\n", "--class=Gadget", "--transaction=all");

        assertThat(run.lines()).contains("#Issues: 0", "#Created: 2");
        assertThat(run.lines()).noneMatch(line -> line.startsWith("#Transaction:"));
        assertThat(fixture.count("SELECT count(*) FROM obj_gadget")).isEqualTo(3);
    }

    @Test
    void rowModeKeepsGoodRowsAroundBadOne() {
        fixture.run("code,qty\nG-2,4\nG-1,abc\nG-3,7\n", "--class=Gadget");

        assertThat(fixture.count("SELECT count(*) FROM obj_gadget")).isEqualTo(3);
    }

    @Test
    void uniquenessRuleIsEnforced() {
        fixture.run("name,org_id->name,managementip\nsrv-alpha,Northwind Labs,10.0.0.1\n", "--class=Server",
                "--reconciliationkeys=name");

        ImportFixture.Run run = fixture.run("name,org_id->name,managementip\nsrv-delta,Northwind Labs,10.0.0.1\n",
                "--class=Server", "--reconciliationkeys=name");

        assertThat(run.lines()).contains("0;Issue: Could not be created: Uniqueness rule 'unique_management_ip' not"
                + " respected by managementip=10.0.0.1;n/a;n/a;1;\"srv-delta\";\"10.0.0.1\"");
        assertThat(fixture.count("SELECT count(*) FROM obj_functionalci WHERE name = 'srv-delta'")).isZero();
    }

    @Test
    void uniquenessRuleWithinOneFile() {
        ImportFixture.Run run = fixture.run("name,org_id->name,managementip\nsrv-one,Northwind Labs,10.0.0.9\n"
                + "srv-two,Northwind Labs,10.0.0.9\n", "--class=Server", "--reconciliationkeys=name");

        assertThat(run.lines()).contains("#Created: 1", "#Issues: 1");
        assertThat(run.lines()).anyMatch(line -> line.startsWith("1;Issue: Could not be created: Uniqueness rule"
                + " 'unique_management_ip' not respected by managementip=10.0.0.9;n/a;n/a;"));
        assertThat(fixture.count("SELECT count(*) FROM obj_functionalci WHERE managementip = '10.0.0.9'"))
                .isEqualTo(1);
    }

    @Test
    void sameKeyTwiceInOneFile() {
        ImportFixture.Run run = fixture.run("code,qty\nG-9,1\ng-9 ,2\n", "--class=Gadget");

        assertThat(run.lines()).contains("#Created: 1", "#Updated: 1");
        assertThat(fixture.count("SELECT count(*) FROM obj_gadget WHERE lower(trim(code)) = 'g-9'")).isEqualTo(1);
        assertThat(fixture.query("SELECT qty FROM obj_gadget WHERE lower(trim(code)) = 'g-9'", Integer.class))
                .isEqualTo(2);
    }

    @Test
    void reconciliationIgnoresCaseAccentsAndTrailingSpaces() {
        ImportFixture.Run run = fixture.run("name,code\nNORTHWÏND labs  ,NWL\n", "--class=Organization",
                "--reconciliationkeys=name");

        assertThat(run.lines()).anyMatch(line -> line.startsWith("0;updated 1 cols;Organization;1;"));
        assertThat(fixture.query("SELECT name FROM obj_organization WHERE id = 1", String.class))
                .isEqualTo("NORTHWÏND labs");
    }

    @Test
    void laterRowSeesObjectCreatedByEarlierRow() {
        ImportFixture.Run run = fixture.run("name,parent_id->name\nHolding,\nSubsidiary,holding\n",
                "--class=Organization", "--reconciliationkeys=name");

        long holding = fixture.query("SELECT id FROM obj_organization WHERE name = 'Holding'", Long.class);
        assertThat(run.lines()).contains("#Created: 2", "#Issues: 0");
        assertThat(fixture.query("SELECT parent_id FROM obj_organization WHERE name = 'Subsidiary'", Long.class))
                .isEqualTo(holding);
    }

    @Test
    void creationInAbstractClassIsRowError() {
        ImportFixture.Run run = fixture.run("name,org_id->name\nSolberg,Northwind Labs\n", "--class=Contact",
                "--reconciliationkeys=name");

        assertThat(run.lines()).contains("#Issues: 1");
        assertThat(run.lines()).anyMatch(line -> line.startsWith(
                "0;Issue: Cannot create an object of the abstract class 'Contact';n/a;n/a;"));
    }

    @Test
    void updateThroughAbstractClassReportsFinalClass() {
        ImportFixture.Run run = fixture.run("name,phone\nOkafor,+47 555 0100\n", "--class=Contact",
                "--reconciliationkeys=name");

        assertThat(run.lines()).anyMatch(line -> line.startsWith("0;updated 1 cols;Person;100;"));
    }

    @Test
    void ambiguousExternalKey() {
        ImportFixture.Run run = fixture.run("first_name,name,location_id->name\nLena,Okafor,Main Office\n",
                "--class=Person", "--reconciliationkeys=name,first_name");

        assertThat(run.lines()).contains("0;Issue: Unexpected attribute value(s);Person;100;Invalid value for"
                + " attribute. Ambiguous: found 2 objects;Lena;Okafor");
    }

    @Test
    void externalKeyByIdThatDoesNotExist() {
        ImportFixture.Run run = fixture.run("name,org_id\nMain Office,77\n", "--class=Location",
                "--reconciliationkeys=name,org_id");

        assertThat(run.lines()).contains("0;Issue: failed to reconcile;n/a;n/a;No match for value '77'. Some possible"
                + " 'Organization' value(s): 2, 1;Main Office;77");
    }

    @Test
    void optionalExternalKeyClearedByEmptyCell() {
        fixture.run("first_name,name,location_id\nLena,Okafor,10\n", "--class=Person",
                "--reconciliationkeys=name,first_name");

        ImportFixture.Run run = fixture.run("first_name,name,location_id\nLena,Okafor,\n", "--class=Person",
                "--reconciliationkeys=name,first_name");

        assertThat(run.lines()).contains("0;updated 1 cols;Person;100;Modified;Lena;Okafor;Modified");
        assertThat(fixture.query("SELECT location_id IS NULL FROM obj_contact WHERE id = 100", Boolean.class)).isTrue();
    }

    @Test
    void duplicatedColumnWarns() {
        ImportFixture.Run run = fixture.run("code,label,label\nG-1,First,Second\n", "--class=Gadget");

        assertThat(run.lines()).contains("#Warning: Input column 'label' appears more than once. The last one will be"
                + " used", "0;updated 1 cols;Gadget;300;G-1;\"Second\"Modified");
    }

    @Test
    void unknownColumnListsPossibleNames() {
        ImportFixture.Run run = fixture.run("code,colour\nG-1,red\n", "--class=Gadget");

        assertThat(run.lines()).contains("#Unknown column: 'colour'. Possible columns: id, code, label, qty, price,"
                + " enabled, since, seen_at, homepage, level, journal, serial, secret");
        assertThat(run.result().exitCode()).isEqualTo(2);
    }

    @Test
    void separatorAndQualifierAreOneCharacter() {
        assertThat(fixture.run("code\nG-1\n", "--class=Gadget", "--separator=;;").output())
                .isEqualTo("#Separator is limited to one character, found ';;'\n");
        assertThat(fixture.run("code\nG-1\n", "--class=Gadget", "--separator= ").output())
                .isEqualTo("#Separator is limited to one character, found ''\n");
        assertThat(fixture.run("code\nG-1\n", "--class=Gadget", "--qualifier=''").output())
                .isEqualTo("#Text qualifier is limited to one character, found ''''\n");
        assertThat(fixture.run("code§label\nG-1§First\n", "--class=Gadget", "--separator=§").lines())
                .contains("#Separator: §", "#Unchanged: 1");
    }

    @Test
    void tabSeparatorWord() {
        ImportFixture.Run run = fixture.run("code\tlabel\nG-1\tFirst\n", "--class=Gadget", "--separator=TAB");

        assertThat(run.lines()).contains("#Separator: \t", "#Unchanged: 1");
    }

    @Test
    void unknownOutputIsEscaped() {
        assertThat(fixture.run("code\nG-1\n", "--class=Gadget", "--output=details<").output())
                .isEqualTo("#Unknown output format: 'details&#60;'\n");
    }

    @Test
    void unknownCharset() {
        ImportFixture.Run run = fixture.run("code\nG-1\n", "--class=Gadget", "--charset=klingon-8");

        assertThat(run.output()).isEqualTo("#Unknown charset: 'klingon-8'\n");
        assertThat(run.result().exitCode()).isEqualTo(2);
    }

    @Test
    void commentTooLong() {
        ImportFixture.Run run = fixture.run("code\nG-1\n", "--class=Gadget", "--comment=" + "x".repeat(300));

        assertThat(run.output()).startsWith("#Comment too long: 300 characters, at most ");
    }

    @Test
    void strictNumbersBooleansAndUrls() {
        ImportFixture.Run run = fixture.run("code,price,enabled,homepage,qty\nG-1,1e3,maybe,gopher://x,99999999999\n",
                "--class=Gadget");

        assertThat(run.output()).contains("'1e3' is an invalid value. Unexpected value for attribute 'price': Wrong"
                        + " format [1e3], expected a decimal number with a dot and at most 8 digits before it",
                "'maybe' is an invalid value. Unexpected value for attribute 'enabled': no match found, check spelling",
                "'gopher://x' is an invalid value. Unexpected value for attribute 'homepage': Wrong format [gopher://x]",
                "'99999999999' is an invalid value. Unexpected value for attribute 'qty': Value out of range"
                        + " [99999999999], expected -2147483648 to 2147483647");
    }

    @Test
    void decimalComparesAfterRounding() {
        ImportFixture.Run run = fixture.run("code,price,qty\nG-1,12.5,005\n", "--class=Gadget");

        assertThat(run.lines()).contains("0;unchanged;Gadget;300;G-1;12.5;005");
    }

    @Test
    void localizedEnumAndBooleanLabels() {
        ImportFixture.Run run = fixture.run("Code,Level,Enabled\nG-1,High,No\n", "--class=Gadget",
                "--no_localize=0");

        assertThat(run.lines()).contains("0;updated 2 cols;Gadget;300;G-1;\"high\"Modified;noModified");
    }

    @Test
    void linkSetAddReplaceClear() {
        ImportFixture.Run add = fixture.run("name,contacts_list\nsrv-alpha,contact_id->email:lena.okafor@northwind.example"
                + "|contact_id->email:tomas.varga@bluefin.example\n", "--class=Server");
        assertThat(add.lines()).contains("0;updated 1 cols;Server;200;srv-alpha;\"'contact_id:100'|'contact_id:101'\""
                + "Modified");
        assertThat(fixture.count("SELECT count(*) FROM obj_lnkcontacttofunctionalci WHERE functionalci_id = 200"))
                .isEqualTo(2);

        ImportFixture.Run replace = fixture.run("name,contacts_list\nsrv-alpha,contact_id->email:lena.okafor@northwind"
                + ".example\n", "--class=Server");
        assertThat(replace.lines()).anyMatch(line -> line.startsWith("0;updated 1 cols;Server;200;"));
        assertThat(fixture.query("SELECT string_agg(contact_id::text, ',') FROM obj_lnkcontacttofunctionalci"
                + " WHERE functionalci_id = 200", String.class)).isEqualTo("100");

        ImportFixture.Run clear = fixture.run("name,contacts_list\nsrv-alpha,\n", "--class=Server");
        assertThat(clear.lines()).contains("0;updated 1 cols;Server;200;srv-alpha;\"\"Modified");
        assertThat(fixture.count("SELECT count(*) FROM obj_lnkcontacttofunctionalci")).isZero();

        ImportFixture.Run again = fixture.run("name,contacts_list\nsrv-alpha,\n", "--class=Server");
        assertThat(again.lines()).contains("0;unchanged;Server;200;srv-alpha;");
        assertThat(fixture.count("SELECT count(*) FROM itop_change_op WHERE objclass = 'lnkContactToFunctionalCI'"
                + " AND optype = 'delete'")).isEqualTo(2);
    }

    @Test
    void linkSetRemoteObjectNotFound() {
        ImportFixture.Run run = fixture.run("name,contacts_list\nsrv-alpha,contact_id->email:ghost@nowhere.example\n",
                "--class=Server");

        assertThat(run.lines()).contains("0;Issue: Unexpected attribute value(s);Server;200;srv-alpha;"
                + "'contact_id->email:ghost@nowhere.example' is an invalid value. Failed to process input: Found no"
                + " match: ext_key = contact_id, reconciliation = email=ghost@nowhere.example");
        assertThat(fixture.count("SELECT count(*) FROM obj_lnkcontacttofunctionalci")).isZero();
    }

    @Test
    void linkSetOnNewObject() {
        ImportFixture.Run run = fixture.run("name,org_id,contacts_list\nsrv-new,1,contact_id:101\n", "--class=Server",
                "--reconciliationkeys=name");

        long id = fixture.query("SELECT id FROM obj_functionalci WHERE name = 'srv-new'", Long.class);
        assertThat(run.lines()).contains("0;created;Server;" + id + ";1;\"srv-new\";1;\"'contact_id:101'\"");
        assertThat(fixture.query("SELECT contact_id FROM obj_lnkcontacttofunctionalci WHERE functionalci_id = " + id,
                Long.class)).isEqualTo(101L);
    }

    @Test
    void linkSetSyntaxError() {
        ImportFixture.Run run = fixture.run("name,contacts_list\nsrv-alpha,lena\n", "--class=Server");

        assertThat(run.output()).contains("'lena' is an invalid value. Failed to process input: Wrong format for link"
                + " attribute specification: value = lena");
    }

    @Test
    void directLinkSetColumnIsRejected() {
        ImportFixture.Run run = fixture.run("name,person_list\nMain Office,x\n", "--class=Location");

        assertThat(run.lines()).contains("#Column 'person_list' is a 1:n link set and cannot be imported; import the"
                + " class Person instead");
        assertThat(run.result().exitCode()).isEqualTo(2);
    }

    @Test
    void readOnlyColumnIsRejectedAtHeader() {
        ImportFixture.Run run = fixture.run("code,label,serial\nG-1,Renamed,S-9\n", "--class=Gadget");

        assertThat(run.lines()).contains("#Column 'serial' is read-only and cannot be imported");
        assertThat(run.result().exitCode()).isEqualTo(2);
        assertThat(fixture.query("SELECT label FROM obj_gadget WHERE id = 300", String.class)).isEqualTo("First");
    }

    @Test
    void readOnlyReconciliationKeyIsSearchedNotWritten() {
        fixture.database.jdbi().useHandle(handle -> handle.execute("UPDATE obj_gadget SET serial = 'S-1' WHERE id = 300"));

        ImportFixture.Run run = fixture.run("serial,label\nS-1,Renamed\n", "--class=Gadget", "--reconciliationkeys=serial");

        assertThat(run.lines()).contains("#Updated: 1", "#Issues: 0");
        assertThat(fixture.query("SELECT label FROM obj_gadget WHERE id = 300", String.class)).isEqualTo("Renamed");
    }

    @Test
    void hierarchicalKeyRefusesADescendantAsParent() {
        fixture.run("name,parent_id->name\nHolding,\nSubsidiary,Holding\nBranch,Subsidiary\n", "--class=Organization",
                "--reconciliationkeys=name");
        long branch = fixture.query("SELECT id FROM obj_organization WHERE name = 'Branch'", Long.class);
        long holding = fixture.query("SELECT id FROM obj_organization WHERE name = 'Holding'", Long.class);

        ImportFixture.Run run = fixture.run("name,parent_id->name\nHolding,Branch\n", "--class=Organization",
                "--reconciliationkeys=name");

        assertThat(run.lines()).contains("#Issues: 1", "#Updated: 0",
                "0;Issue: Unexpected attribute value(s);Organization;" + holding + ";'Branch' is an invalid value."
                        + " Unexpected value for attribute 'parent_id': Value not allowed [" + branch + "];Holding");
        assertThat(fixture.count("SELECT count(*) FROM obj_organization WHERE name = 'Holding' AND parent_id IS NULL"))
                .isEqualTo(1);
    }

    @Test
    void hierarchicalKeyRefusesTheObjectItself() {
        fixture.run("name,parent_id->name\nHolding,\n", "--class=Organization", "--reconciliationkeys=name");

        ImportFixture.Run run = fixture.run("name,parent_id->name\nHolding,Holding\n", "--class=Organization",
                "--reconciliationkeys=name");

        assertThat(run.lines()).contains("#Issues: 1");
        assertThat(run.lines()).anyMatch(line -> line.startsWith("0;Issue: Unexpected attribute value(s);Organization;")
                && line.contains("Value not allowed ["));
        assertThat(fixture.count("SELECT count(*) FROM obj_organization WHERE parent_id IS NOT NULL")).isZero();
    }

    @Test
    void hierarchicalKeyAcceptsAnotherBranch() {
        fixture.run("name,parent_id->name\nHolding,\nSubsidiary,Holding\nBranch,Subsidiary\n", "--class=Organization",
                "--reconciliationkeys=name");

        ImportFixture.Run run = fixture.run("name,parent_id->name\nBranch,Holding\n", "--class=Organization",
                "--reconciliationkeys=name");

        assertThat(run.lines()).contains("#Issues: 0", "#Updated: 1");
    }

    @Test
    void filteredUniquenessRuleIgnoresObjectsOutsideFilter() {
        fixture.run("name,first_name,org_id->name,status,employee_number\nKurz,Ida,Northwind Labs,inactive,E-7\n",
                "--class=Person", "--reconciliationkeys=name,first_name");

        ImportFixture.Run run = fixture.run("name,first_name,org_id->name,status,employee_number\n"
                + "Brandt,Oskar,Northwind Labs,active,E-7\n", "--class=Person", "--reconciliationkeys=name,first_name");

        assertThat(run.lines()).contains("#Created: 1", "#Issues: 0");
    }

    @Test
    void filteredUniquenessRuleRejectsClashWithMatchingObject() {
        ImportFixture.Run run = fixture.run("name,first_name,org_id->name,status,employee_number\n"
                + "Brandt,Oskar,Northwind Labs,inactive,E-100\n"
                + "Kurz,Ida,Northwind Labs,active,E-8\n"
                + "Nagy,Eva,Northwind Labs,active,E-8\n", "--class=Person", "--reconciliationkeys=name,first_name");

        assertThat(run.lines()).contains("#Created: 1", "#Issues: 2");
        assertThat(run.lines()).anyMatch(line -> line.startsWith("0;Issue: Could not be created: Uniqueness rule"
                + " 'unique_active_employee_number' not respected by employee_number=E-100;n/a;n/a;"));
        assertThat(run.lines()).anyMatch(line -> line.startsWith("2;Issue: Could not be created: Uniqueness rule"
                + " 'unique_active_employee_number' not respected by employee_number=E-8;n/a;n/a;"));
        assertThat(fixture.count("SELECT count(*) FROM obj_contact WHERE name IN ('Brandt', 'Nagy')")).isZero();
    }

    @Test
    void oneWayPasswordIsStoredHashedAndMasked() {
        ImportFixture.Run run = fixture.run("code,secret\nG-2,Tr0ub4dor\n", "--class=Gadget");

        assertThat(run.lines()).contains("#Created: 1", "0;created;Gadget;1001;\"G-2\";\"*****\"");
        assertThat(run.output()).doesNotContain("Tr0ub4dor");
        assertThat(fixture.query("SELECT secret FROM obj_gadget WHERE code = 'G-2'", String.class))
                .startsWith("$argon2id$").doesNotContain("Tr0ub4dor");
    }

    @Test
    void oneWayPasswordGivenAgainIsUnchanged() {
        fixture.run("code,secret\nG-2,Tr0ub4dor\n", "--class=Gadget");
        String stored = fixture.query("SELECT secret FROM obj_gadget WHERE code = 'G-2'", String.class);

        ImportFixture.Run run = fixture.run("code,secret\nG-2,Tr0ub4dor\n", "--class=Gadget");

        assertThat(run.lines()).contains("#Unchanged: 1", "0;unchanged;Gadget;1001;G-2;*****");
        assertThat(fixture.query("SELECT secret FROM obj_gadget WHERE code = 'G-2'", String.class)).isEqualTo(stored);
    }

    @Test
    void oneWayPasswordChangeIsUpdate() {
        fixture.run("code,secret\nG-2,Tr0ub4dor\n", "--class=Gadget");
        String stored = fixture.query("SELECT secret FROM obj_gadget WHERE code = 'G-2'", String.class);

        ImportFixture.Run run = fixture.run("code,secret\nG-2,correct-horse\n", "--class=Gadget", "--output=diff");

        assertThat(run.lines()).contains("#Updated: 1");
        assertThat(run.output()).doesNotContain("correct-horse").doesNotContain(stored);
        String changed = fixture.query("SELECT secret FROM obj_gadget WHERE code = 'G-2'", String.class);
        assertThat(changed).startsWith("$argon2id$").isNotEqualTo(stored);
    }

    @Test
    void invalidReconciliationValueReportsItsError() {
        String code = "H".repeat(300);

        ImportFixture.Run run = fixture.run("name,code\nHuge," + code + "\n", "--class=Organization");

        assertThat(run.lines()).contains("#Issues: 1", "#Created: 0");
        assertThat(run.lines()).anyMatch(line -> line.startsWith("0;Issue: Unexpected attribute value(s);")
                && line.contains("'" + code + "' is an invalid value. Unexpected value for attribute 'code': String too"
                        + " long (found 300, limited to 255)"));
    }
}
