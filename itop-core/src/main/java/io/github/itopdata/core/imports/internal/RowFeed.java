package io.github.itopdata.core.imports.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

/**
 * Reads and converts the data rows of an import in a thread of its own, a bounded number of
 * rows ahead of the thread that queries the database, so that parsing and conversion run while
 * PostgreSQL works. Rows come out in file order, numbered from 0; at most
 * {@code CHUNK_ROWS * CHUNKS_AHEAD} rows wait in the queue, plus the chunk each thread holds.
 *
 * <p>The conversion step must not touch the database or any state the consuming thread
 * changes. A failure of the reading thread is thrown by {@link #next()} once the rows read
 * before it are consumed.
 */
final class RowFeed implements AutoCloseable {

    private static final int CHUNK_ROWS = 200;
    private static final int CHUNKS_AHEAD = 4;

    private final BlockingQueue<List<RowWork>> queue = new ArrayBlockingQueue<>(CHUNKS_AHEAD);
    private final Thread thread;
    private volatile Throwable failure;
    private volatile long convertingNanos;
    private List<RowWork> chunk = List.of();
    private int position;
    private boolean ended;

    /**
     * Starts reading.
     *
     * @param rows the reader, positioned after the header; only the feed's thread uses it
     * @param convert the conversion of each row, run in the feed's thread
     * @param name the thread name
     */
    RowFeed(CsvRowReader rows, Consumer<RowWork> convert, String name) {
        this.thread = new Thread(() -> readAll(rows, convert), name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void readAll(CsvRowReader rows, Consumer<RowWork> convert) {
        long line = 0;
        long nanos = 0;
        try {
            while (true) {
                List<RowWork> next = new ArrayList<>(CHUNK_ROWS);
                List<String> cells = null;
                while (next.size() < CHUNK_ROWS && (cells = rows.nextRow()) != null) {
                    RowWork row = new RowWork(line++, cells);
                    long start = System.nanoTime();
                    convert.accept(row);
                    nanos += System.nanoTime() - start;
                    next.add(row);
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
    RowWork next() throws IOException {
        if (position == chunk.size()) {
            if (ended) {
                return null;
            }
            try {
                chunk = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("Interrupted while waiting for the rows of the import");
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
    long convertingNanos() {
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
