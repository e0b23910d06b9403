package io.github.itopdata.core.cron;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A schedule of the form "on these week days at this time of day", with the settings and the
 * rules of iTop's weekly scheduled processes (the backup is one).
 *
 * <p>When cron wakes up at exactly the configured minute, today's slot counts as past: the
 * process was due at that minute and runs in the current round, so its next occurrence is a
 * later day.
 *
 * @param enabled false plans the process at {@link #DISABLED}, so that it never becomes due
 * @param days the listed week days, at least one
 * @param time the time of day as {@code HH:MM}
 */
public record WeeklySchedule(boolean enabled, Set<DayOfWeek> days, String time) {

    /** The "never" date of a turned-off process: 3000-01-01 00:00:00 in the application zone. */
    public static final LocalDateTime DISABLED = LocalDateTime.of(3000, 1, 1, 0, 0);

    /** Week days when the setting {@code week_days} is not given. */
    public static final String ALL_WEEK_DAYS = "monday, tuesday, wednesday, thursday, friday, saturday, sunday";

    private static final Pattern TIME = Pattern.compile("[0-2]\\d:[0-5]\\d");
    private static final DateTimeFormatter HOURS_MINUTES = DateTimeFormatter.ofPattern("HH:mm");

    public WeeklySchedule {
        days = Set.copyOf(days);
        Objects.requireNonNull(time, "time");
    }

    /**
     * Parses the settings of a weekly process.
     *
     * @param module name of the settings' owner, used as the prefix of error messages
     * @param weekDays comma-separated full English day names, any case, spaces around items allowed
     * @param time text containing {@code HH:MM}, such as {@code "23:30"} or {@code " 07:30 "}
     * @throws IllegalArgumentException naming the setting and the value found, when a day name
     *     is not a full English day name, no day is listed, or the time has no {@code HH:MM}
     */
    public static WeeklySchedule parse(String module, boolean enabled, String weekDays, String time) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String item : weekDays.split(",")) {
            String day = item.strip().toLowerCase(Locale.ROOT);
            if (day.isEmpty()) {
                continue;
            }
            days.add(parseDay(module, day));
        }
        if (days.isEmpty()) {
            throw new IllegalArgumentException(module + ": missing setting 'week_days'");
        }

        Matcher matcher = TIME.matcher(time.strip());
        if (!matcher.find()) {
            throw new IllegalArgumentException(module + ": wrong format for setting 'time' (found '" + time + "')");
        }
        return new WeeklySchedule(enabled, days, matcher.group());
    }

    private static DayOfWeek parseDay(String module, String day) {
        for (DayOfWeek candidate : DayOfWeek.values()) {
            if (candidate.name().toLowerCase(Locale.ROOT).equals(day)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException(module + ": wrong format for setting 'week_days' (found '" + day + "')");
    }

    /**
     * Computes the first listed day, from today on, whose slot is still ahead: today counts only
     * while the current {@code HH:MM} is strictly before the configured time. Returns
     * {@link #DISABLED} in the zone of {@code now} when the schedule is not enabled.
     */
    public ZonedDateTime nextOccurrence(ZonedDateTime now) {
        if (!enabled) {
            return DISABLED.atZone(now.getZone());
        }
        int today = now.getDayOfWeek().getValue();
        boolean todayStillAhead = now.format(HOURS_MINUTES).compareTo(time) < 0;

        ZonedDateTime day = null;
        for (int candidate = today; candidate <= 7; candidate++) {
            if (days.contains(DayOfWeek.of(candidate)) && (candidate > today || todayStillAhead)) {
                day = now.plusDays(candidate - today);
                break;
            }
        }
        if (day == null) {
            DayOfWeek first = days.stream().min(DayOfWeek::compareTo).orElseThrow();
            day = now.with(TemporalAdjusters.next(DayOfWeek.MONDAY)).with(TemporalAdjusters.nextOrSame(first));
        }

        // Hours and minutes are added to midnight, so "24:00" means midnight at the end of the day.
        int hours = Integer.parseInt(time.substring(0, 2));
        int minutes = Integer.parseInt(time.substring(3, 5));
        return day.toLocalDate().atStartOfDay(now.getZone()).plusHours(hours).plusMinutes(minutes);
    }
}
