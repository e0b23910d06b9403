package io.github.itopdata.core.store.internal;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Streams rows into {@code COPY ... FROM STDIN} in PostgreSQL's text format, through a byte
 * buffer so that the driver receives few large writes.
 */
public final class CopyRowWriter implements AutoCloseable {

    private static final int BUFFER_SIZE = 1 << 16;

    private final CopyIn copyIn;
    private final byte[] buffer = new byte[BUFFER_SIZE];
    private int position;
    private boolean firstInRow = true;
    private long rows;
    private boolean finished;

    private CopyRowWriter(CopyIn copyIn) {
        this.copyIn = copyIn;
    }

    /** Starts a COPY; {@code copySql} is a {@code COPY table (columns) FROM STDIN} statement. */
    public static CopyRowWriter open(Connection connection, String copySql) throws SQLException {
        return new CopyRowWriter(connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql));
    }

    /** Adds the next field of the current row; null is written as SQL null. */
    public void field(String value) throws SQLException {
        if (!firstInRow) {
            put((byte) '\t');
        }
        firstInRow = false;
        if (value == null) {
            put((byte) '\\');
            put((byte) 'N');
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> putEscape('\\');
                case '\t' -> putEscape('t');
                case '\n' -> putEscape('n');
                case '\r' -> putEscape('r');
                default -> {
                    if (c < 0x80) {
                        put((byte) c);
                    } else {
                        putNonAscii(value, i);
                        if (Character.isHighSurrogate(c) && i + 1 < value.length()) {
                            i++;
                        }
                    }
                }
            }
        }
    }

    /** Ends the current row. */
    public void endRow() throws SQLException {
        put((byte) '\n');
        firstInRow = true;
        rows++;
    }

    /** Sends the buffered rows and ends the COPY; returns the number of rows PostgreSQL loaded. */
    public long finish() throws SQLException {
        flush();
        finished = true;
        return copyIn.endCopy();
    }

    /** Returns the rows written so far. */
    public long rows() {
        return rows;
    }

    /** Cancels the COPY if it was not finished, so that the connection stays usable. */
    @Override
    public void close() throws SQLException {
        if (!finished && copyIn.isActive()) {
            copyIn.cancelCopy();
        }
    }

    private void putNonAscii(String value, int index) throws SQLException {
        int end = Character.isHighSurrogate(value.charAt(index)) && index + 1 < value.length() ? index + 2 : index + 1;
        for (byte b : value.substring(index, end).getBytes(StandardCharsets.UTF_8)) {
            put(b);
        }
    }

    private void putEscape(char code) throws SQLException {
        put((byte) '\\');
        put((byte) code);
    }

    private void put(byte b) throws SQLException {
        if (position == buffer.length) {
            flush();
        }
        buffer[position++] = b;
    }

    private void flush() throws SQLException {
        if (position > 0) {
            copyIn.writeToCopy(buffer, 0, position);
            position = 0;
        }
    }
}
