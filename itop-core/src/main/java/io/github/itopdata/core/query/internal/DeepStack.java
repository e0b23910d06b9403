package io.github.itopdata.core.query.internal;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Runs work over deeply nested queries on a thread with a large stack.
 *
 * <p>Parsing, checking and translating recurse once per nesting level (several Java frames per
 * level), and a query may nest up to 1,000 levels. The default thread stack (often 512 KiB to
 * 1 MiB) is not enough for that, so queries with many parentheses are handled on a short-lived
 * thread whose stack is {@link #STACK_BYTES}. Shallow queries run on the caller's thread.
 */
public final class DeepStack {

    /** Stack size of the helper thread: room for 1,000 levels with a wide margin. */
    static final long STACK_BYTES = 256L * 1024 * 1024;

    /** Number of opening parentheses above which the work moves to the helper thread. */
    static final int SHALLOW_LIMIT = 40;

    private DeepStack() {
    }

    /** Returns {@code work.get()}, computed on a large-stack thread when {@code text} nests deeply. */
    public static <T> T run(String text, Supplier<T> work) {
        if (countOpenings(text) <= SHALLOW_LIMIT) {
            return work.get();
        }
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = new Thread(null, () -> {
            try {
                result.set(work.get());
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "oql-deep-stack", STACK_BYTES);
        thread.start();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading a deeply nested OQL query", e);
        }
        Throwable error = failure.get();
        if (error instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (error instanceof Error fatal) {
            throw fatal;
        }
        return result.get();
    }

    private static int countOpenings(String text) {
        int count = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '(') {
                count++;
            }
        }
        return count;
    }
}
