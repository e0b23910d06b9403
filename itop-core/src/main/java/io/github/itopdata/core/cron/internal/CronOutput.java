package io.github.itopdata.core.cron.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Destination of the cron lines, each written and flushed as soon as it is produced. The command
 * line gets plain lines, HTTP one HTML {@code <p>} element per line.
 */
public final class CronOutput {

    private final OutputStream stream;
    private final boolean html;
    private boolean pageStarted;

    public CronOutput(OutputStream stream, boolean html) {
        this.stream = stream;
        this.html = html;
    }

    /** Writes one line; the line must not contain a line break. */
    public void line(String text) {
        if (html) {
            startPage();
            write("<p>" + escape(text) + "</p>\n");
        } else {
            write(text + "\n");
        }
    }

    /** Ends the HTML page; does nothing for plain output. */
    public void finish() {
        if (html) {
            startPage();
            write("</body>\n</html>\n");
        }
    }

    /** Writes bytes as they are and flushes them. */
    public static void writeRaw(OutputStream stream, byte[] bytes) {
        try {
            stream.write(bytes);
            stream.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the cron output: " + e.getMessage(), e);
        }
    }

    private void startPage() {
        if (!pageStarted) {
            pageStarted = true;
            write("<!DOCTYPE html>\n<html>\n<head><meta charset=\"UTF-8\"><title>cron</title></head>\n<body>\n");
        }
    }

    private void write(String text) {
        writeRaw(stream, text.getBytes(StandardCharsets.UTF_8));
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
