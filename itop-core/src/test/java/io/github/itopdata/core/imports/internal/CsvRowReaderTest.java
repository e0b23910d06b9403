package io.github.itopdata.core.imports.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvRowReaderTest {

    private static List<List<String>> parse(String text, int separator, int qualifier) throws IOException {
        CsvRowReader reader = new CsvRowReader(new StringReader(text), separator, qualifier);
        List<List<String>> rows = new ArrayList<>();
        List<String> row;
        while ((row = reader.nextRow()) != null) {
            rows.add(row);
        }
        return rows;
    }

    private static List<String> firstRow(String line) throws IOException {
        return parse(line, ',', '"').get(0);
    }

    @Test
    void plainCells() throws IOException {
        assertThat(firstRow("a,b,c")).containsExactly("a", "b", "c");
    }

    @Test
    void nullTokenBecomesNull() throws IOException {
        assertThat(firstRow("a,b,<NULL>")).containsExactly("a", "b", null);
        assertThat(firstRow("a,\"<NULL>\"")).containsExactly("a", null);
    }

    @Test
    void quotedValuesKeepBlanks() throws IOException {
        assertThat(firstRow(" \" a \" , \" b \" ")).containsExactly(" a ", " b ");
    }

    @Test
    void unquotedValuesAreTrimmed() throws IOException {
        assertThat(firstRow("  spaces trimmed out , 1234,  x@example.org "))
                .containsExactly("spaces trimmed out", "1234", "x@example.org");
    }

    @Test
    void emptyCells() throws IOException {
        assertThat(firstRow("\"\",\"\"")).containsExactly("", "");
        assertThat(firstRow(",,")).containsExactly("", "", "");
    }

    @Test
    void doubledQualifierIsLiteral() throws IOException {
        assertThat(firstRow("\"a\"\"\",b")).containsExactly("a\"", "b");
    }

    @Test
    void lineBreakAndSeparatorInsideQuotes() throws IOException {
        assertThat(firstRow("\"a1\na2\",b")).containsExactly("a1\na2", "b");
        assertThat(firstRow("\"a1,a2\",b")).containsExactly("a1,a2", "b");
        assertThat(firstRow("\"c1,\"\",c2\n,c3\",z")).containsExactly("c1,\",c2\n,c3", "z");
        assertThat(firstRow("\"a1\r\na2\",b")).containsExactly("a1\na2", "b");
    }

    @Test
    void qualifierInsideUnquotedValueIsLiteral() throws IOException {
        assertThat(firstRow("x\"y,z")).containsExactly("x\"y", "z");
    }

    @Test
    void textAfterClosingQualifierIsGlued() throws IOException {
        assertThat(firstRow("\"ab\" cd")).containsExactly("abcd");
        assertThat(firstRow("\"ab\"cd")).containsExactly("abcd");
        assertThat(firstRow("\" ab \"c")).containsExactly("ab c");
    }

    @Test
    void unterminatedQuoteSwallowsTheRest() throws IOException {
        assertThat(parse("a,\"b,c\nd,e\n", ',', '"')).containsExactly(List.of("a", "b,c\nd,e\n"));
    }

    @Test
    void emptyLinesAreSkipped() throws IOException {
        List<List<String>> rows = parse("\nname\n\n   \n\"\"\n<NULL>\nx\n", ',', '"');
        assertThat(rows).containsExactly(List.of("name"), List.of("x"));
    }

    @Test
    void loneCarriageReturnIsNotALineBreak() throws IOException {
        CsvRowReader reader = new CsvRowReader(new StringReader("a,b\rc,d\r\ne,f"), ',', '"');
        assertThat(reader.nextRow()).containsExactly("a", "b\rc", "d");
        assertThat(reader.rowHasLoneCarriageReturn()).isTrue();
        assertThat(reader.nextRow()).containsExactly("e", "f");
        assertThat(reader.rowStartLine()).isEqualTo(2);
    }

    @Test
    void otherSeparatorAndQualifier() throws IOException {
        List<List<String>> rows = parse("code;label;qty\nG-1;'Multi\nline ''quoted'' label';<NULL>\n", ';', '\'');
        assertThat(rows).hasSize(2);
        assertThat(rows.get(1)).containsExactly("G-1", "Multi\nline 'quoted' label", null);
    }

    @Test
    void tabSeparatorIsNotABlank() throws IOException {
        assertThat(parse("a\t b\t\tc", '\t', '"').get(0)).containsExactly("a", "b", "", "c");
    }

    @Test
    void noQualifierMeansQuotesAreText() throws IOException {
        assertThat(parse("\"a\",b", ',', CsvRowReader.NONE).get(0)).containsExactly("\"a\"", "b");
    }

    @Test
    void supplementarySeparator() throws IOException {
        String separator = new String(Character.toChars(0x1F600));
        CsvRowReader reader = new CsvRowReader(new StringReader("a" + separator + "b"), 0x1F600, '"');
        assertThat(reader.nextRow()).isEqualTo(Arrays.asList("a", "b"));
    }
}
