package io.github.itopdata.core.imports.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads and converts the data rows of a CSV feed in a thread of its own, a bounded number of
 * rows ahead of the thread that queries the database, so that parsing and conversion run while
 * PostgreSQL works. Rows come out in file order, numbered from 0; at most the given number of
 * rows ahead wait in the queue, plus the chunk of {@value #CHUNK_ROWS} each thread holds.
 * The CSV import and the synchronization's feed loader both read this way.
 *
 * <p>The conversion step must not touch the database or any state the consuming thread
 * changes. A failure of the reading thread is thrown by {@link #next()} once the rows read
 * before it are consumed.
 *
 * @param <T> what the conversion makes of a row
 */
public final class RowFeed<T> implements AutoCloseable {

    /** Turns the cells of a row, numbered from 0 in file order, into the consumer's work item. */
    @FunctionalInterface
    public interface Conversion<T> {
        T convert(long row, List<String> cells);
    }

    private static final int CHUNK_ROWS = 200;

    private final BlockingQueue<List<T>> queue;
    private final Thread thread;
    private volatile Throwable failure;
    private volatile long convertingNanos;
    private List<T> chunk = List.of();
    private int position;
    private boolean ended;

    /**
     * Starts reading.
     *
     * @param rows the reader, positioned after the header; only the feed's thread uses it
     * @param convert the conversion of each row, run in the feed's thread
     * @param rowsAhead how many rows the thread may read ahead of the consumer: at least what the
     *     consumer takes between two database steps, so that the reading overlaps them
     * @param name the thread name
     */
    public RowFeed(CsvRowReader rows, Conversion<T> convert, int rowsAhead, String name) {
        this.queue = new ArrayBlockingQueue<>(Math.max(1, rowsAhead / CHUNK_ROWS));
        this.thread = new Thread(() -> readAll(rows, convert), name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void readAll(CsvRowReader rows, Conversion<T> convert) {
        long line = 0;
        long nanos = 0;
        try {
            while (true) {
                List<T> next = new ArrayList<>(CHUNK_ROWS);
                List<String> cells = null;
                while (next.size() < CHUNK_ROWS && (cells = rows.nextRow()) != null) {
                    long start = System.nanoTime();
                    next.add(convert.convert(line++, cells));
                    nanos += System.nanoTime() - start;
                }
                convertingNanos = nanos;
                if (!next.isEmpty()) {
                    queue.put(next);
                }
                if (cells == null) {
                    queue.put(List.of());
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException | Error e) {
            failure = e;
            try {
                queue.put(List.of());
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Returns the next row, or null after the last one; throws what stopped the reading thread. */
    public T next() throws IOException {
        if (position == chunk.size()) {
            if (ended) {
                return null;
            }
            try {
                chunk = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("Interrupted while waiting for the rows of the feed");
            }
            position = 0;
            if (chunk.isEmpty()) {
                ended = true;
                rethrowFailure();
                return null;
            }
        }
        return chunk.get(position++);
    }

    private void rethrowFailure() throws IOException {
        Throwable cause = failure;
        if (cause instanceof IOException e) {
            throw e;
        }
        if (cause instanceof UncheckedIOException e) {
            throw e.getCause();
        }
        if (cause instanceof RuntimeException e) {
            throw e;
        }
        if (cause instanceof Error e) {
            throw e;
        }
    }

    /** Returns the nanoseconds the reading thread spent converting rows (not parsing them). */
    public long convertingNanos() {
        return convertingNanos;
    }

    /** Stops the reading thread if it still runs and waits for it, so that the caller may close the input. */
    @Override
    public void close() {
        thread.interrupt();
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
