package io.github.itopdata.core.cron;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.itopdata.core.db.Database;
import io.github.itopdata.core.model.DefaultModel;
import io.github.itopdata.core.store.ClassTable;
import io.github.itopdata.core.store.SchemaMapping;
import io.github.itopdata.core.store.StoreSchema;
import io.github.itopdata.core.testing.PostgresExtension;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class RetentionPurgeTest {

    private final Database database;
    private TestClock clock;
    private CronHarness cron;
    private AsyncTaskQueue queue;

    RetentionPurgeTest(Database database) {
        this.database = database;
    }

    @BeforeEach
    void setUp() {
        clock = TestClock.at("2025-02-03T09:15:00");
        cron = new CronHarness(database, clock);
        cron.settings = cron.settings.withRetentionDays(30, 10);
        cron.registry = ProcessRegistry.withBuiltIns(database, cron.settings, clock);
        queue = new AsyncTaskQueue(database, clock);
    }

    private long taskInError(Duration age) {
        long id = queue.enqueueEmail(EmailMessage.plainText(List.of("ops@example.org"), "Hello", "Body"));
        database.jdbi().useHandle(handle -> handle.createUpdate("UPDATE cron_async_task SET status = 'error',"
                        + " last_attempt = :attempt, last_error = 'refused' WHERE id = :id")
                .bind("attempt", clock.instant().minus(age).atOffset(ZoneOffset.UTC))
                .bind("id", id)
                .execute());
        return id;
    }

    private List<Long> taskIds() {
        return database.jdbi().withHandle(handle -> handle.createQuery("SELECT id FROM cron_async_task ORDER BY id")
                .mapTo(Long.class)
                .list());
    }

    private String purge() throws Exception {
        return cron.registry.find("RetentionPurge").orElseThrow().process(clock.instant().plusSeconds(60));
    }

    @Test
    void oldTasksInErrorAreDeleted() throws Exception {
        long old = taskInError(Duration.ofDays(11));
        long recent = taskInError(Duration.ofDays(9));
        long planned = queue.enqueueEmail(EmailMessage.plainText(List.of("ops@example.org"), "Hello", "Body"));
        database.jdbi().useHandle(handle -> handle.createUpdate("UPDATE cron_async_task SET created = :created"
                        + " WHERE id = :id")
                .bind("created", clock.instant().minus(Duration.ofDays(40)).atOffset(ZoneOffset.UTC))
                .bind("id", planned)
                .execute());

        String result = purge();

        assertThat(result).isEqualTo("deleted 0 synchro logs and 1 async tasks in error");
        assertThat(taskIds()).containsExactly(recent, planned).doesNotContain(old);
    }

    @Test
    void oldSynchroLogsAreDeleted() throws Exception {
        SchemaMapping mapping = SchemaMapping.of(DefaultModel.load());
        ClassTable logs = mapping.table("SynchroLog");
        String startDate = logs.requireColumn("start_date").quotedName();
        try (Database withObjects = PostgresExtension.openFreshDatabase("cron_purge_logs")) {
            StoreSchema.apply(withObjects.jdbi(), mapping);
            withObjects.jdbi().useHandle(handle -> {
                for (int days : new int[] {31, 45, 29, 1}) {
                    LocalDateTime start = LocalDateTime.ofInstant(clock.instant().minus(Duration.ofDays(days)),
                            ZoneId.systemDefault());
                    handle.createUpdate("INSERT INTO " + logs.quotedTableName() + " (finalclass, " + startDate
                                    + ") VALUES ('SynchroLog', :start)")
                            .bind("start", start)
                            .execute();
                }
            });
            BackgroundProcess purge = ProcessRegistry.withBuiltIns(withObjects, cron.settings, clock, () -> mapping)
                    .find("RetentionPurge").orElseThrow();

            String result = purge.process(clock.instant().plusSeconds(60));

            assertThat(result).isEqualTo("deleted 2 synchro logs and 0 async tasks in error");
            long left = withObjects.jdbi().withHandle(handle -> handle
                    .createQuery("SELECT count(*) FROM " + logs.quotedTableName())
                    .mapTo(Long.class)
                    .one());
            assertThat(left).isEqualTo(2);
        }
    }

    @Test
    void missingObjectTablesSkipSynchroLogs() throws Exception {
        String result = purge();

        assertThat(result).isEqualTo("deleted 0 synchro logs and 0 async tasks in error");
    }

    @Test
    void purgeRunsOncePerDay() {
        cron.settings = cron.settings.withMaxExecutionTime(Duration.ofSeconds(1));

        cron.run();

        assertThat(cron.record("RetentionPurge").get("total_exec_count")).isEqualTo(1);
        assertThat(cron.local("RetentionPurge", "next_run_date")).isEqualTo("2025-02-04T09:15");
    }
}
