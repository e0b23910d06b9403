package io.github.itopdata.core.store;

import io.github.itopdata.core.store.internal.CopyRowWriter;
import io.github.itopdata.core.store.internal.SqlText;
import java.sql.SQLException;

/**
 * Loads rows into a {@link StagingTable} through COPY. Not thread-safe; one writer at a time per
 * connection. Call {@link #finish()} to complete the load, and close it in any case.
 *
 * <p>PostgreSQL parses the values when the rows arrive, and one value that does not fit its
 * column (text in an integer column, an impossible date) fails the whole COPY with a
 * {@link StoreException}. Validate and convert each row before writing it, and report the
 * rows in error instead of staging them.
 */
public final class StagingWriter implements AutoCloseable {

    private final StagingTable table;
    private final CopyRowWriter writer;
    private final int valueCount;

    StagingWriter(StagingTable table, CopyRowWriter writer, int valueCount) {
        this.table = table;
        this.writer = writer;
        this.valueCount = valueCount;
    }

    /**
     * Adds one row: its number, then the values of the staged attributes and the extra columns,
     * in declaration order, as {@link ObjectStore} accepts them.
     *
     * @throws IllegalArgumentException if the number of values is wrong
     */
    public void row(long rowNumber, Object... values) {
        if (values.length != valueCount) {
            throw new IllegalArgumentException("Row " + rowNumber + " has " + values.length + " values, staging table "
                    + table.name() + " expects " + valueCount);
        }
        try {
            writer.field(Long.toString(rowNumber));
            for (Object value : values) {
                writer.field(SqlText.render(value));
            }
            writer.endRow();
        } catch (SQLException e) {
            throw new StoreException("Could not load row " + rowNumber + " into " + table.name() + ": " + e.getMessage(), e);
        }
    }

    /** Completes the load and refreshes the table's planner statistics; returns the rows loaded. */
    public long finish() {
        try {
            long rows = writer.finish();
            table.analyze();
            return rows;
        } catch (SQLException e) {
            throw new StoreException("Could not load staging table " + table.name() + ": " + e.getMessage(), e);
        }
    }

    /** Cancels the load if it was not finished. */
    @Override
    public void close() {
        try {
            writer.close();
        } catch (SQLException e) {
            throw new StoreException("Could not cancel loading " + table.name() + ": " + e.getMessage(), e);
        }
    }
}
