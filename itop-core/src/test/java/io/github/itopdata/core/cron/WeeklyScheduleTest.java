package io.github.itopdata.core.cron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class WeeklyScheduleTest {

    private static final ZoneId ZONE = ZoneId.of("Europe/Paris");
    private static final WeeklySchedule MONDAY_WEDNESDAY =
            WeeklySchedule.parse("itop-backup", true, "monday, wednesday", "23:30");

    private static ZonedDateTime at(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(ZONE);
    }

    @Test
    void slotAtCurrentMinuteCountsAsPast() {
        assertThat(MONDAY_WEDNESDAY.nextOccurrence(at("2025-02-05T23:30:00")))
                .isEqualTo(at("2025-02-10T23:30:00"));
    }

    @Test
    void nextListedDayOfSameWeek() {
        assertThat(MONDAY_WEDNESDAY.nextOccurrence(at("2025-02-04T10:00:00")))
                .isEqualTo(at("2025-02-05T23:30:00"));
    }

    @Test
    void todayWhenTimeStillAhead() {
        assertThat(MONDAY_WEDNESDAY.nextOccurrence(at("2025-02-05T23:29:59")))
                .isEqualTo(at("2025-02-05T23:30:00"));
    }

    @Test
    void firstListedDayOfNextWeekOnSunday() {
        assertThat(MONDAY_WEDNESDAY.nextOccurrence(at("2025-02-09T08:00:00")))
                .isEqualTo(at("2025-02-10T23:30:00"));
    }

    @Test
    void disabledScheduleGivesYear3000() {
        WeeklySchedule disabled = WeeklySchedule.parse("itop-backup", false, "monday", "23:30");

        assertThat(disabled.nextOccurrence(at("2025-02-04T10:00:00"))).isEqualTo(at("3000-01-01T00:00:00"));
    }

    @Test
    void abbreviatedDayNameIsRejected() {
        assertThatThrownBy(() -> WeeklySchedule.parse("itop-backup", true, "Mon, Tue", "23:30"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("itop-backup: wrong format for setting 'week_days' (found 'mon')");
    }

    @Test
    void emptyDayListIsMissing() {
        assertThatThrownBy(() -> WeeklySchedule.parse("itop-backup", true, " , ", "23:30"))
                .hasMessage("itop-backup: missing setting 'week_days'");
    }

    @Test
    void singleDigitHourIsRejected() {
        assertThatThrownBy(() -> WeeklySchedule.parse("itop-backup", true, "monday", "7:30"))
                .hasMessage("itop-backup: wrong format for setting 'time' (found '7:30')");
    }

    @Test
    void spacesAroundTimeAreAccepted() {
        WeeklySchedule schedule = WeeklySchedule.parse("itop-backup", true, "monday", " 07:30 ");

        assertThat(schedule.time()).isEqualTo("07:30");
        assertThat(schedule.nextOccurrence(at("2025-02-03T07:00:00"))).isEqualTo(at("2025-02-03T07:30:00"));
    }

    @Test
    void dayNamesIgnoreCaseDuplicatesAndOrder() {
        WeeklySchedule schedule = WeeklySchedule.parse("itop-backup", true, " Friday,MONDAY , friday", "01:00");

        assertThat(schedule.days()).containsExactlyInAnyOrder(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
        assertThat(schedule.nextOccurrence(at("2025-02-08T12:00:00"))).isEqualTo(at("2025-02-10T01:00:00"));
    }
}
