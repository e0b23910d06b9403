package io.github.itopdata.core.cron.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/** The task tables and the per-task lines that cron prints, in iTop's exact layouts. */
public final class StatusTable {

    private static final String SHORT_SEPARATOR =
            "+---------------------------+---------+---------------------+---------------------+";
    private static final String LONG_SEPARATOR = SHORT_SEPARATOR + "--------+-----------+";
    private static final String SHORT_TITLE = String.format("| %-25.25s | %-7s | %-19s | %-19s |",
            "Task Class", "Status", "Last Run", "Next Run");
    private static final String LONG_TITLE = SHORT_TITLE + " Nb Run | Avg. Dur. |";

    private StatusTable() {
    }

    /** Prints the table of due tasks: name, status, last run, next run. */
    public static void printDue(CronOutput output, List<TaskRecord> tasks, ZoneId zone) {
        output.line(SHORT_SEPARATOR);
        output.line(SHORT_TITLE);
        output.line(SHORT_SEPARATOR);
        for (TaskRecord task : tasks) {
            output.line(shortRow(task, zone));
        }
        output.line(SHORT_SEPARATOR);
    }

    /** Prints the full table, with run counts and average durations. */
    public static void printFull(CronOutput output, List<TaskRecord> tasks, ZoneId zone) {
        output.line(LONG_SEPARATOR);
        output.line(LONG_TITLE);
        output.line(LONG_SEPARATOR);
        for (TaskRecord task : tasks) {
            output.line(shortRow(task, zone)
                    + String.format(" %6d | %7s s |", task.totalExecCount(), task.averageRunDuration().toPlainString()));
        }
        output.line(LONG_SEPARATOR);
    }

    private static String shortRow(TaskRecord task, ZoneId zone) {
        return String.format("| %-25.25s | %-7s | %-19s | %-19s |", task.name(), task.status(),
                Timestamps.print(task.latestRunDate(), zone), Timestamps.print(task.nextRunDate(), zone));
    }

    /** Returns the line printed before a task runs. */
    public static String startLine(Instant now, String name, ZoneId zone) {
        return ">> === " + Timestamps.print(now, zone) + " Starting:" + padRight(" " + name + " ", 49, '=');
    }

    /** Returns the line printed after a task ran. */
    public static String endLine(Instant now, String name, Instant next, ZoneId zone) {
        return "<< === " + Timestamps.print(now, zone) + " End of:  " + padRight(" " + name + " ", 42, '=')
                + " Next: " + Timestamps.print(next, zone);
    }

    /** Returns the line printed for an active task that did not run in a round. */
    public static String skipLine(String name, Instant next, ZoneId zone) {
        return "-- Skipping task: " + padRight(name + " ", 40, '-') + " until: " + Timestamps.print(next, zone);
    }

    private static String padRight(String text, int width, char fill) {
        StringBuilder padded = new StringBuilder(text);
        while (padded.length() < width) {
            padded.append(fill);
        }
        return padded.toString();
    }
}
