package io.github.itopdata.core.cron;

import io.github.itopdata.core.cron.internal.AsyncTaskStore;
import io.github.itopdata.core.cron.internal.ExecAsyncTask;
import io.github.itopdata.core.cron.internal.RetentionPurge;
import io.github.itopdata.core.db.Database;
import io.github.itopdata.core.model.DefaultModel;
import io.github.itopdata.core.store.SchemaMapping;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The background processes that cron runs, in registration order.
 *
 * <p>{@link #withBuiltIns} gives the two built-in processes: {@code ExecAsyncTask}, which sends
 * the asynchronous tasks every 2 s, and {@code RetentionPurge}, once a day. An embedding
 * application adds its own:
 *
 * <pre>{@code
 * ProcessRegistry registry = ProcessRegistry.withBuiltIns(database, settings, clock)
 *         .register(new MyNightlyReport());
 * }</pre>
 *
 * <p>At each cron start, a process that has no record yet gets one, and records of processes
 * that are no longer registered become {@code removed} (they are kept, with their statistics).
 */
public final class ProcessRegistry {

    private final List<BackgroundProcess> processes = new ArrayList<>();

    /** Creates an empty registry. */
    public ProcessRegistry() {
    }

    /**
     * Creates a registry containing the built-in processes, which send e-mails and purge old
     * records. The purge finds the synchro log table through the default model.
     */
    public static ProcessRegistry withBuiltIns(Database database, CronSettings settings, Clock clock) {
        return withBuiltIns(database, settings, clock, () -> SchemaMapping.of(DefaultModel.load()));
    }

    /**
     * Creates a registry containing the built-in processes, the purge finding the synchro log
     * table through the given schema mapping.
     */
    public static ProcessRegistry withBuiltIns(Database database, CronSettings settings, Clock clock,
            Supplier<SchemaMapping> schema) {
        AsyncTaskStore asyncTasks = new AsyncTaskStore(database.jdbi());
        return new ProcessRegistry()
                .register(new ExecAsyncTask(asyncTasks, settings, clock))
                .register(new RetentionPurge(database.jdbi(), asyncTasks, settings, clock, schema));
    }

    /**
     * Adds a process.
     *
     * @throws IllegalArgumentException when a process of the same name is already registered, or
     *     the process is neither periodic nor scheduled
     */
    public ProcessRegistry register(BackgroundProcess process) {
        if (!(process instanceof PeriodicProcess) && !(process instanceof ScheduledProcess)) {
            throw new IllegalArgumentException("Background process '" + process.name()
                    + "' must implement PeriodicProcess or ScheduledProcess");
        }
        if (process instanceof PeriodicProcess periodic && periodic.periodicity().toSeconds() < 1) {
            throw new IllegalArgumentException("Background process '" + process.name()
                    + "' has a periodicity of " + periodic.periodicity() + ": it must be at least one second");
        }
        if (find(process.name()).isPresent()) {
            throw new IllegalArgumentException("A background process named '" + process.name()
                    + "' is already registered");
        }
        processes.add(process);
        return this;
    }

    /** Returns the process of the given name. */
    public Optional<BackgroundProcess> find(String name) {
        return processes.stream().filter(process -> process.name().equals(name)).findFirst();
    }

    /** Returns the processes in registration order. */
    public List<BackgroundProcess> processes() {
        return Collections.unmodifiableList(processes);
    }
}
