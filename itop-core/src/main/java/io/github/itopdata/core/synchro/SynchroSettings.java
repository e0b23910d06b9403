package io.github.itopdata.core.synchro;

import java.time.Duration;

/**
 * Configuration of synchronization runs.
 *
 * @param lockWait how long a load or run waits for another one of the same data source
 *     ({@code synchro_lock_wait}, default 3600 s)
 * @param preventDeleteAll whether a run that would make every replica obsolete at once is
 *     refused ({@code synchro_prevent_delete_all}, default true)
 */
public record SynchroSettings(Duration lockWait, boolean preventDeleteAll) {

    public static final Duration DEFAULT_LOCK_WAIT = Duration.ofSeconds(3600);

    public static SynchroSettings defaults() {
        return new SynchroSettings(DEFAULT_LOCK_WAIT, true);
    }

    /**
     * Reads {@code synchro_lock_wait} (seconds) and {@code synchro_prevent_delete_all} from
     * configuration values; absent values keep their defaults.
     *
     * @throws IllegalArgumentException naming the setting and the value when one is invalid
     */
    public static SynchroSettings from(java.util.function.Function<String, java.util.Optional<String>> settings) {
        Duration wait = settings.apply("synchro_lock_wait").map(String::strip).map(text -> {
            if (!text.matches("[0-9]{1,9}")) {
                throw new IllegalArgumentException("Invalid synchro_lock_wait '" + text
                        + "': expected a number of seconds");
            }
            return Duration.ofSeconds(Long.parseLong(text));
        }).orElse(DEFAULT_LOCK_WAIT);
        boolean prevent = settings.apply("synchro_prevent_delete_all").map(String::strip)
                .map(text -> !(text.equals("0") || text.equalsIgnoreCase("false"))).orElse(true);
        return new SynchroSettings(wait, prevent);
    }
}
