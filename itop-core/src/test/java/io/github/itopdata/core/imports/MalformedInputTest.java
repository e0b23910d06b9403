package io.github.itopdata.core.imports;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.itopdata.core.db.Database;
import io.github.itopdata.core.testing.PostgresExtension;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Broken and extreme CSV input: each gets its message, and nothing is half written. */
@ExtendWith(PostgresExtension.class)
class MalformedInputTest {

    private static ImportFixture fixture;

    @BeforeAll
    static void createSchema(Database database) {
        fixture = new ImportFixture(database);
    }

    @BeforeEach
    void loadFixture() {
        fixture.reset();
    }

    private static byte[] bytes(int... values) {
        byte[] result = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = (byte) values[i];
        }
        return result;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] latin1(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void unbalancedQuoteSwallowsTheRest() {
        ImportFixture.Run run = fixture.run("code,label\nG-1,\"unterminated\nG-2,x\n", "--class=Gadget");

        assertThat(run.lines()).contains("#Data Lines: 1", "#Updated: 1");
        assertThat(fixture.query("SELECT label FROM obj_gadget WHERE id = 300", String.class))
                .isEqualTo("unterminated\nG-2,x\n");
        assertThat(fixture.count("SELECT count(*) FROM obj_gadget")).isEqualTo(1);
    }

    @Test
    void shortRowClearsMissingCells() {
        ImportFixture.Run run = fixture.run("code,label,qty\nG-1\n", "--class=Gadget");

        assertThat(run.lines()).contains("0;updated 2 cols;Gadget;300;G-1;\"\"Modified;Modified");
    }

    @Test
    void shortRowWithMandatoryCellFails() {
        ImportFixture.Run run = fixture.run("label,code\nOnly label\n", "--class=Gadget");

        assertThat(run.lines()).contains("0;Issue: failed to reconcile;n/a;n/a;Only label;");
        assertThat(fixture.count("SELECT count(*) FROM obj_gadget")).isEqualTo(1);
    }

    @Test
    void nulCharacterFailsOnlyItsRow() {
        ImportFixture.Run run = fixture.run("code,label\nN-1,first\nN-2,bad\u0000label\nN-\u00003,key\nN-4,fourth\n",
                "--class=Gadget", "--output=details");

        assertThat(run.result().exitCode()).isZero();
        assertThat(run.lines()).contains("#Issues: 2", "#Created: 2");
        assertThat(run.lines()).anyMatch(line -> line.contains("Invalid character NUL (0x00) in [bad label]"));
        assertThat(fixture.count("SELECT count(*) FROM obj_gadget WHERE code IN ('N-1', 'N-4')")).isEqualTo(2);
        assertThat(fixture.count("SELECT count(*) FROM obj_gadget WHERE code LIKE 'N-%'")).isEqualTo(2);
    }

    @Test
    void extraCellsAreIgnored() {
        ImportFixture.Run run = fixture.run("code,label\nG-1,First,surplus,more\n", "--class=Gadget");

        assertThat(run.lines()).contains("0;unchanged;Gadget;300;G-1;First");
    }

    @Test
    void invalidUtf8StopsWithLineAndOffset() {
        byte[] csv = concat(latin1("code,label\nG-1,ok\nG-2,caf"), bytes(0xFF), latin1("e\n"));

        ImportFixture.Run run = fixture.run(csv, "--class=Gadget", "--charset=UTF-8", "--output=summary");

        assertThat(run.lines()).contains("#Charset Encoding:UTF-8", "#Invalid UTF-8 data at line 3 (byte offset 25)");
        assertThat(run.result().exitCode()).isEqualTo(2);
        assertThat(fixture.count("SELECT count(*) FROM obj_gadget")).isEqualTo(1);
    }

    @Test
    void invalidWindows1252Byte() {
        byte[] csv = concat(latin1("code,label\nG-2,"), bytes(0x81), latin1("\n"));

        ImportFixture.Run run = fixture.run(csv, "--class=Gadget", "--charset=WINDOWS-1252", "--output=summary");

        assertThat(run.lines()).contains("#Invalid WINDOWS-1252 data at line 2 (byte offset 15)");
    }

    @Test
    void invalidUtf16Data() {
        byte[] csv = concat("code,label\nG-2,".getBytes(StandardCharsets.UTF_16LE), bytes(0x00, 0xDC, 0x41, 0x00));

        ImportFixture.Run run = fixture.run(csv, "--class=Gadget", "--charset=UTF-16LE", "--output=summary");

        assertThat(run.lines()).anyMatch(line -> line.startsWith("#Invalid UTF-16LE data at line 2 (byte offset "));
    }

    @Test
    void nonUtf8DataReadAsLatin1() {
        byte[] csv = latin1("code,label\nG-1,Zo\u00eb\n");

        ImportFixture.Run run = fixture.run(csv, "--class=Gadget", "--charset=<omitted>");

        assertThat(run.lines()).contains("#Charset Encoding:ISO-8859-1", "0;updated 1 cols;Gadget;300;G-1;\"Zo\u00eb\"Modified");
    }

    @Test
    void byteOrderMarkImpliesUtf8WhenCharsetOmitted() {
        byte[] csv = concat(bytes(0xEF, 0xBB, 0xBF), "code,label\nG-1,Zo\u00eb\n".getBytes(StandardCharsets.UTF_8));

        ImportFixture.Run run = fixture.run(csv, "--class=Gadget", "--charset=<omitted>");

        assertThat(run.lines()).contains("#Charset Encoding:UTF-8", "#Data Size: " + csv.length,
                "0;updated 1 cols;Gadget;300;G-1;\"Zo\u00eb\"Modified");
    }

    @Test
    void byteOrderMarkKeptWithExplicitLatin1() {
        byte[] csv = concat(bytes(0xEF, 0xBB, 0xBF), latin1("code\nG-1\n"));

        ImportFixture.Run run = fixture.run(csv, "--class=Gadget", "--charset=ISO-8859-1");

        assertThat(run.lines()).anyMatch(line -> line.startsWith("#Unknown column: '\u00ef\u00bb\u00bfcode'."));
    }

    @Test
    void emptyFile() {
        ImportFixture.Run run = fixture.run(new byte[0], "--class=Gadget");

        assertThat(run.output()).isEqualTo("#Missing data - at least one line is expected\n");
        assertThat(run.result().exitCode()).isEqualTo(2);
    }

    @Test
    void headerOnly() {
        ImportFixture.Run run = fixture.run("code,label\n", "--class=Gadget");

        assertThat(run.lines()).contains("#Data Lines: 0", "#Issues: 0", "#Created: 0",
                "Line;Status;Object Class;Object Id;code (Code);label (Label)");
    }

    @Test
    void blankFileHasNoHeader() {
        ImportFixture.Run run = fixture.run("\n\n  \n", "--class=Gadget");

        assertThat(run.lines()).anyMatch(line -> line.startsWith("#Unknown column: ''. Possible columns: id, code"));
    }

    @Test
    void tenThousandColumns() {
        StringBuilder header = new StringBuilder("code,label");
        StringBuilder row = new StringBuilder("G-1,Wide");
        for (int i = 2; i < 10_000; i++) {
            header.append(",label");
            row.append(",Wide");
        }
        ImportFixture.Run run = fixture.run(header + "\n" + row + "\n", "--class=Gadget", "--output=summary");

        assertThat(run.lines()).contains("#Updated: 1", "#Issues: 0");
        assertThat(run.lines().stream().filter(line -> line.startsWith("#Warning: Input column 'label' appears")))
                .hasSize(9_998);
        assertThat(fixture.query("SELECT label FROM obj_gadget WHERE id = 300", String.class)).isEqualTo("Wide");
    }

    @Test
    void fiftyMegabyteCell() {
        String big = "x".repeat(50 * 1024 * 1024);
        ImportFixture.Run run = fixture.run("code,label\nG-1,\"" + big + "\"\n", "--class=Gadget",
                "--output=retcode");

        assertThat(run.output()).isEqualTo("1");
        assertThat(fixture.query("SELECT label FROM obj_gadget WHERE id = 300", String.class)).isEqualTo("First");
    }

    @Test
    void fiftyMegabyteCellReportsItsLength() {
        String big = "x".repeat(50 * 1024 * 1024);
        ImportFixture.Run run = fixture.run("code,label\nG-1," + big + "\n", "--class=Gadget");

        assertThat(run.output()).contains("Unexpected value for attribute 'label': String too long (found 52428800,"
                + " limited to 255)");
    }

    @Test
    void loneCarriageReturnsWarn() {
        ImportFixture.Run run = fixture.run("code,label\rG-1,First\r", "--class=Gadget");

        assertThat(run.lines()).contains("#Warning: Input contains CR characters that are not followed by LF; they"
                + " are not treated as line breaks");
        assertThat(run.lines()).anyMatch(line -> line.startsWith("#Unknown column: 'label\rG-1'."));
    }
}
