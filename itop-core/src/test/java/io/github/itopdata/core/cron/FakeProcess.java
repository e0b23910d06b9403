package io.github.itopdata.core.cron;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** A periodic process for tests: each run moves the test clock by its duration, then does its action. */
class FakeProcess implements PeriodicProcess {

    private final String name;
    private final Duration periodicity;
    private final TestClock clock;
    private final List<Duration> durations = new ArrayList<>();
    private Callable<String> action = () -> "";
    final List<Instant> deadlines = new ArrayList<>();

    FakeProcess(String name, Duration periodicity, TestClock clock) {
        this.name = name;
        this.periodicity = periodicity;
        this.clock = clock;
    }

    /** Sets how long the next runs take, one value per run; the last value repeats. */
    FakeProcess taking(Duration... values) {
        durations.addAll(List.of(values));
        return this;
    }

    FakeProcess doing(Callable<String> value) {
        action = value;
        return this;
    }

    int runs() {
        return deadlines.size();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Duration periodicity() {
        return periodicity;
    }

    @Override
    public String process(Instant deadline) throws Exception {
        deadlines.add(deadline);
        if (!durations.isEmpty()) {
            clock.advance(durations.size() > 1 ? durations.remove(0) : durations.get(0));
        }
        return action.call();
    }
}
