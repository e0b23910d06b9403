package io.github.itopdata.core.imports.internal;

import io.github.itopdata.core.imports.ImportOutput;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes an import's output: comment lines as they come, and the detail table spooled to a
 * temporary file until the counters that precede it are known, so that memory does not grow
 * with the number of rows. Lines end with LF; the {@code retcode} number has no line end.
 */
public final class ReportWriter implements AutoCloseable {

    private final ImportOutput output;
    private final Writer out;
    private Path spoolFile;
    private Writer spool;

    public ReportWriter(ImportOutput output, OutputStream stream) {
        this.output = output;
        this.out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
    }

    /** Writes a comment line ({@code #} added) unless the output is {@code retcode}. */
    public void comment(String text) throws IOException {
        if (output != ImportOutput.RETCODE) {
            out.write("#" + text + "\n");
        }
    }

    /** Writes the line that stops a run, in every output mode. */
    public void stop(String text) throws IOException {
        out.write("#" + text + "\n");
        out.flush();
    }

    /** Writes any text as it is, such as usage text. */
    public void raw(String text) throws IOException {
        out.write(text);
    }

    /** Adds a line to the detail table; ignored unless the output has a table. */
    public void tableLine(String line) throws IOException {
        if (!output.hasTable()) {
            return;
        }
        if (spool == null) {
            spoolFile = Files.createTempFile("itop-import-", ".details");
            spool = Files.newBufferedWriter(spoolFile, StandardCharsets.UTF_8);
        }
        spool.write(line);
        spool.write('\n');
    }

    /** Adds a diff line after the table line of an updated row; ignored unless the output is {@code diff}. */
    public void diffLine(String line) throws IOException {
        if (output == ImportOutput.DIFF) {
            tableLine(line);
        }
    }

    /** Writes the counters (or the issue count for {@code retcode}), then the spooled table. */
    public void finish(long issues, long warnings, long created, long updated, long unchanged, String tableHeader)
            throws IOException {
        if (output == ImportOutput.RETCODE) {
            out.write(Long.toString(issues));
            out.flush();
            return;
        }
        comment("Issues: " + issues);
        comment("Warnings: " + warnings);
        comment("Created: " + created);
        comment("Updated: " + updated);
        comment("Unchanged: " + unchanged);
        if (output.hasTable()) {
            out.write(tableHeader + "\n");
            if (spool != null) {
                spool.close();
                spool = null;
                try (BufferedReader reader = Files.newBufferedReader(spoolFile, StandardCharsets.UTF_8)) {
                    reader.transferTo(out);
                }
            }
        }
        out.flush();
    }

    /** Flushes what was written so far, so that a terminal shows the settings before the rows run. */
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        try {
            if (spool != null) {
                spool.close();
            }
            out.flush();
        } finally {
            if (spoolFile != null) {
                Files.deleteIfExists(spoolFile);
            }
        }
    }
}
