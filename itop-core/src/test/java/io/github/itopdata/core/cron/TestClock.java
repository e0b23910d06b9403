package io.github.itopdata.core.cron;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

/** A clock that moves only when a test, a test process or the test sleeper moves it. */
final class TestClock extends Clock {

    private final ZoneId zone;
    private volatile Instant now;

    TestClock(LocalDateTime start, ZoneId zone) {
        this.zone = zone;
        this.now = start.atZone(zone).toInstant();
    }

    /** Creates a clock at the given local date-time in Europe/Paris. */
    static TestClock at(String localDateTime) {
        return new TestClock(LocalDateTime.parse(localDateTime), ZoneId.of("Europe/Paris"));
    }

    void advance(Duration duration) {
        now = now.plus(duration);
    }

    void set(String localDateTime) {
        now = LocalDateTime.parse(localDateTime).atZone(zone).toInstant();
    }

    /** Returns a sleeper that moves this clock instead of waiting. */
    Sleeper sleeper() {
        return this::advance;
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId otherZone) {
        throw new UnsupportedOperationException("a test clock keeps its zone");
    }

    @Override
    public Instant instant() {
        return now;
    }
}
