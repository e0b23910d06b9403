package io.github.itopdata.core.auth;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A set of rights granted to a user. The product has three profiles, named as in iTop.
 *
 * <ul>
 *   <li>{@link #ADMINISTRATOR}: every service, cron and archives included.
 *   <li>{@link #CONFIGURATION_MANAGER}: import, export, synchro load and run on every class
 *       except the classes that define users, profiles, tokens and synchro data sources.
 *   <li>{@link #READER}: export only.
 * </ul>
 */
public enum Profile {
    ADMINISTRATOR("Administrator"),
    CONFIGURATION_MANAGER("Configuration Manager"),
    READER("Reader");

    private final String label;

    Profile(String label) {
        this.label = label;
    }

    /** Returns the name stored in the database and shown to users, such as {@code Configuration Manager}. */
    public String label() {
        return label;
    }

    /**
     * Finds a profile by its label, ignoring case, blanks and underscores, so that
     * {@code "configuration_manager"} and {@code "Configuration Manager"} both match.
     */
    public static Optional<Profile> fromLabel(String text) {
        String expected = normalize(text);
        return Arrays.stream(values()).filter(profile -> normalize(profile.label).equals(expected)).findFirst();
    }

    /** Lists the labels of every profile, for error messages. */
    public static String labels() {
        return Arrays.stream(values()).map(profile -> "'" + profile.label + "'").collect(Collectors.joining(", "));
    }

    private static String normalize(String text) {
        return text == null ? "" : text.strip().replaceAll("[\\s_-]+", " ").toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public String toString() {
        return label;
    }
}
