package io.github.itopdata.core.imports;

import io.github.itopdata.core.imports.internal.ColumnNames;
import io.github.itopdata.core.imports.internal.CsvRowReader;
import io.github.itopdata.core.imports.internal.HeaderMapping;
import io.github.itopdata.core.imports.internal.ImportRun;
import io.github.itopdata.core.imports.internal.ImportStoppedException;
import io.github.itopdata.core.imports.internal.PhpDateFormat;
import io.github.itopdata.core.imports.internal.ReconciliationScheme;
import io.github.itopdata.core.imports.internal.ReportWriter;
import io.github.itopdata.core.imports.internal.StrictDecodingReader;
import io.github.itopdata.core.imports.internal.ValueConverter;
import io.github.itopdata.core.model.Model;
import io.github.itopdata.core.model.ModelClass;
import io.github.itopdata.core.store.ChangeSet;
import io.github.itopdata.core.store.SchemaMapping;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongConsumer;
import org.jdbi.v3.core.Jdbi;

/**
 * The CSV bulk import behind {@code import.php}: reads a CSV document into one class, finding
 * existing objects by reconciliation keys, and writes iTop's report to an output stream.
 *
 * <pre>{@code
 * CsvImporter importer = new CsvImporter(database.jdbi(), model);
 * ImportResult result = importer.run(ImportRequest.builder("Organization").noLocalize(true).build(),
 *         ImportInput.of(Path.of("orgs.csv")), ImportUser.trusted("Nightly job"), System.out);
 * }</pre>
 *
 * <p>The input is streamed twice (charset check and row count, then processing) and never held
 * whole in memory. Safe to share between threads; each {@link #run} is independent.
 */
public final class CsvImporter {

    private final Jdbi jdbi;
    private final Model model;
    private final SchemaMapping mapping;

    /** Creates an importer on a database whose object schema matches {@code model}. */
    public CsvImporter(Jdbi jdbi, Model model) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.model = Objects.requireNonNull(model, "model");
        this.mapping = SchemaMapping.of(model);
    }

    /** Runs an import without progress reports; see {@link #run(ImportRequest, ImportInput, ImportUser, OutputStream, LongConsumer)}. */
    public ImportResult run(ImportRequest request, ImportInput input, ImportUser user, OutputStream output)
            throws IOException {
        return run(request, input, user, output, rows -> { });
    }

    /**
     * Runs an import and writes its report.
     *
     * @param progress receives the number of rows processed so far, after each round of rows
     * @throws IOException if the input cannot be read or the output written
     */
    public ImportResult run(ImportRequest request, ImportInput input, ImportUser user, OutputStream output,
            LongConsumer progress) throws IOException {
        ImportOutput mode = ImportOutput.fromArgument(request.output()).orElse(ImportOutput.SUMMARY);
        try (ReportWriter report = new ReportWriter(mode, output)) {
            try {
                return runChecked(request, input, user, report, mode, progress);
            } catch (ImportStoppedException e) {
                report.stop(e.getMessage());
                return new ImportResult(e.exitCode(), e.getMessage(), 0, 0, 0, 0, false);
            }
        }
    }

    private ImportResult runChecked(ImportRequest request, ImportInput input, ImportUser user, ReportWriter report,
            ImportOutput mode, LongConsumer progress) throws IOException, ImportStoppedException {
        ModelClass modelClass = validate(request, input);
        Charset charset = charsetOf(request);
        String userInfo = userInfo(user, request.comment());

        Prepass prepass = prepass(input, request, charset);
        String charsetName = request.charset().isEmpty() ? prepass.charset.name() : request.charset();
        writeSettings(report, request, mode, charsetName, input.size());
        if (!user.mayBulkModify().test(modelClass.name())) {
            throw new ImportStoppedException("You are not allowed to perform a bulk update of objects of class "
                    + modelClass.name(), 255);
        }
        if (prepass.invalidData.isPresent()) {
            throw new ImportStoppedException(prepass.invalidData.get());
        }

        if (prepass.loneCarriageReturn) {
            // Written before the header is mapped: such a header usually fails to map.
            report.comment("Warning: Input contains CR characters that are not followed by LF; they are not treated"
                    + " as line breaks");
        }
        boolean localized = !request.noLocalize();
        ColumnNames names = new ColumnNames(model, modelClass, localized);
        HeaderMapping header = HeaderMapping.map(modelClass, names, prepass.header);
        ReconciliationScheme scheme = ReconciliationScheme.resolve(modelClass, names, header,
                request.reconciliationKeys());
        header.checkReadOnly(scheme.itemAttributes());
        report.comment("Data Lines: " + prepass.dataLines);
        report.comment("Simulate: " + (request.simulate() ? 1 : 0));
        report.comment("Columns: " + String.join(", ", header.fieldCodes()));
        report.comment("Reconciliation Keys: " + scheme.reportText());
        for (String warning : header.warnings()) {
            report.comment("Warning: " + warning);
        }
        for (String warning : scheme.warnings()) {
            report.comment("Warning: " + warning);
        }
        report.comment("Change tracking comment: " + request.comment());
        report.flush();

        ValueConverter converter = new ValueConverter(localized, request.dateFormat());
        ImportRun.Options options = new ImportRun.Options(request.simulate(),
                TransactionMode.fromArgument(request.transaction()).orElseThrow() == TransactionMode.ALL,
                user.displayName(), userInfo, user.userId().orElse(null), request.comment(), mode.hasTable(), progress);
        ImportRun run = new ImportRun(jdbi, model, mapping, modelClass, header, scheme, converter, options, report);
        long[] counters;
        try (java.io.Reader reader = new StrictDecodingReader(input.open(), charset(prepass))) {
            CsvRowReader rows = new CsvRowReader(reader, codePoint(request.separator()), qualifierOf(request));
            rows.nextRow();
            counters = run.run(rows);
        }
        if (options.allOrNothing() && !request.simulate() && counters[0] > 0) {
            // The counts and rows that follow are those the run would have written.
            report.comment("Transaction: all, rolled back because " + counters[0]
                    + " row(s) have issues; nothing was written");
        }
        report.finish(counters[0], 0, counters[1], counters[2], counters[3], run.tableHeader());
        int exitCode = "issues".equals(request.exitCode()) && counters[0] > 0 ? 3 : 0;
        return new ImportResult(exitCode, "", counters[0], counters[1], counters[2], counters[3], run.written());
    }

    private static Charset charset(Prepass prepass) {
        return prepass.charset;
    }

    private ModelClass validate(ImportRequest request, ImportInput input) throws IOException, ImportStoppedException {
        if (request.className().isEmpty()) {
            throw new ImportStoppedException("Missing argument 'class'");
        }
        if (input.size() == 0) {
            throw new ImportStoppedException("Missing data - at least one line is expected");
        }
        Optional<ModelClass> modelClass = model.find(request.className());
        if (modelClass.isEmpty()) {
            throw new ImportStoppedException("Unknown class: '" + request.className() + "'");
        }
        if (request.separator().codePointCount(0, request.separator().length()) != 1) {
            throw new ImportStoppedException("Separator is limited to one character, found '" + request.separator() + "'");
        }
        if (request.qualifier().codePointCount(0, request.qualifier().length()) > 1) {
            throw new ImportStoppedException("Text qualifier is limited to one character, found '"
                    + request.qualifier() + "'");
        }
        if (ImportOutput.fromArgument(request.output()).isEmpty()) {
            throw new ImportStoppedException("Unknown output format: '" + escapeHtml(request.output()) + "'");
        }
        if (TransactionMode.fromArgument(request.transaction()).isEmpty()) {
            throw new ImportStoppedException("Unknown transaction mode: '" + request.transaction()
                    + "', expected row or all");
        }
        if (!request.exitCode().isEmpty() && !request.exitCode().equals("issues")) {
            throw new ImportStoppedException("Unknown exit code mode: '" + request.exitCode() + "', expected issues");
        }
        charsetOf(request);
        return modelClass.get();
    }

    private static String userInfo(ImportUser user, String comment) throws ImportStoppedException {
        String base = user.displayName() + ", Web Service (CSV)";
        String full = comment.isEmpty() ? base : base + " - " + comment;
        if (full.codePointCount(0, full.length()) > ChangeSet.MAX_USER_INFO_LENGTH) {
            int allowed = Math.max(0, ChangeSet.MAX_USER_INFO_LENGTH - base.length() - 3);
            throw new ImportStoppedException("Comment too long: " + comment.codePointCount(0, comment.length())
                    + " characters, at most " + allowed + " allowed");
        }
        return full;
    }

    private static Charset charsetOf(ImportRequest request) throws ImportStoppedException {
        if (request.charset().isEmpty()) {
            return null;
        }
        try {
            return Charset.forName(request.charset());
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new ImportStoppedException("Unknown charset: '" + request.charset() + "'");
        }
    }

    private static void writeSettings(ReportWriter report, ImportRequest request, ImportOutput mode, String charset,
            long size) throws IOException {
        report.comment("Output format: " + mode.argument());
        report.comment("Class: " + request.className());
        report.comment("Separator: " + request.separator());
        report.comment("Qualifier: " + request.qualifier());
        report.comment("Charset Encoding:" + charset);
        if (request.dateFormat().isEmpty()) {
            report.comment("Date format: <none>");
        } else {
            report.comment("Date and time format: '" + request.dateFormat() + "'");
            report.comment("Date format: '" + PhpDateFormat.datePart(request.dateFormat()) + "'");
        }
        report.comment("Localize: " + (request.noLocalize() ? "no" : "yes"));
        report.comment("Data Size: " + size);
    }

    /** Findings of the first reading of the data: the charset, the header, the number of data rows. */
    private static final class Prepass {
        Charset charset;
        List<String> header = List.of();
        long dataLines;
        boolean loneCarriageReturn;
        Optional<String> invalidData = Optional.empty();
    }

    private static Prepass prepass(ImportInput input, ImportRequest request, Charset requested) throws IOException {
        Prepass prepass = new Prepass();
        prepass.charset = requested == null ? StandardCharsets.UTF_8 : requested;
        try {
            readAll(input, request, prepass);
        } catch (StrictDecodingReader.InvalidInputDataException e) {
            if (requested == null) {
                prepass.charset = StandardCharsets.ISO_8859_1;
                readAll(input, request, prepass);
            } else {
                prepass.invalidData = Optional.of("Invalid " + request.charset() + " data at line " + e.line()
                        + " (byte offset " + e.byteOffset() + ")");
            }
        }
        return prepass;
    }

    private static void readAll(ImportInput input, ImportRequest request, Prepass prepass) throws IOException {
        try (java.io.Reader reader = new StrictDecodingReader(input.open(), prepass.charset)) {
            CsvRowReader rows = new CsvRowReader(reader, codePoint(request.separator()), qualifierOf(request));
            List<String> header = rows.nextRow();
            prepass.header = header == null ? List.of("") : header;
            prepass.loneCarriageReturn = header != null && rows.rowHasLoneCarriageReturn();
            long count = 0;
            while (rows.skipRow()) {
                count++;
            }
            prepass.dataLines = count;
        }
    }

    private static int codePoint(String text) {
        return text.codePointAt(0);
    }

    private static int qualifierOf(ImportRequest request) {
        return request.qualifier().isEmpty() ? CsvRowReader.NONE : request.qualifier().codePointAt(0);
    }

    private static String escapeHtml(String text) {
        StringBuilder escaped = new StringBuilder();
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> escaped.append("&#60;");
                case '>' -> escaped.append("&#62;");
                case '&' -> escaped.append("&#38;");
                case '"' -> escaped.append("&#34;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
