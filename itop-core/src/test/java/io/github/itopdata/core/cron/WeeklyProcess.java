package io.github.itopdata.core.cron;

import java.time.Instant;
import java.time.ZonedDateTime;

/** A scheduled process for tests whose settings the test changes between cron runs. */
final class WeeklyProcess implements ScheduledProcess {

    boolean enabled = true;
    String weekDays = WeeklySchedule.ALL_WEEK_DAYS;
    String time = "23:30";
    int runs;

    @Override
    public String name() {
        return "BackupExec";
    }

    @Override
    public ZonedDateTime nextOccurrence(ZonedDateTime now) {
        return WeeklySchedule.parse("itop-backup", enabled, weekDays, time).nextOccurrence(now);
    }

    @Override
    public String process(Instant deadline) {
        runs++;
        return "";
    }
}
