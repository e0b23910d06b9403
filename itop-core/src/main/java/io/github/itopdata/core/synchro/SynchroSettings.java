package io.github.itopdata.core.synchro;

import java.time.Duration;

/**
 * Configuration of synchronization runs.
 *
 * @param lockWait how long a load or run waits for another one of the same data source
 *     ({@code synchro_lock_wait}, default 3600 s)
 * @param preventDeleteAll whether a run that would make every replica obsolete at once is
 *     refused ({@code synchro_prevent_delete_all}, default true)
 * @param traces what happens to the run's trace lines ({@code synchro_trace}): {@code none}
 *     (the default), {@code display} (printed in the output) or {@code save} (printed, and kept
 *     in the log's {@code traces} field)
 */
public record SynchroSettings(Duration lockWait, boolean preventDeleteAll, String traces) {

    public static final Duration DEFAULT_LOCK_WAIT = Duration.ofSeconds(3600);

    public static SynchroSettings defaults() {
        return new SynchroSettings(DEFAULT_LOCK_WAIT, true, "none");
    }

    /**
     * Reads {@code synchro_lock_wait} (seconds), {@code synchro_prevent_delete_all} and
     * {@code synchro_trace} from configuration values; absent values keep their defaults.
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
        String traces = settings.apply("synchro_trace").map(String::strip).map(text -> switch (text.toLowerCase(
                java.util.Locale.ROOT)) {
            case "", "none", "0", "false" -> "none";
            case "display", "1", "true" -> "display";
            case "save" -> "save";
            default -> throw new IllegalArgumentException("Invalid synchro_trace '" + text
                    + "': expected none, display or save");
        }).orElse("none");
        return new SynchroSettings(wait, prevent, traces);
    }
}
