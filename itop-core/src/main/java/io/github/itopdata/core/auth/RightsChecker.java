package io.github.itopdata.core.auth;

import java.util.Locale;
import java.util.Set;

/**
 * Decides what a user may do, from the user's profiles alone. Every front-end and every engine
 * calls this class, so that the CLI and HTTP apply the same rules whatever the login mode.
 *
 * <p>Organization-based visibility (iTop's silos) is not implemented: a user whose profile
 * allows a service on a class sees and changes every object of that class.
 */
public final class RightsChecker {

    /**
     * Classes that only administrators may write or read in bulk: the definitions of users,
     * profiles, tokens and synchro data sources.
     */
    private static final Set<String> ADMINISTRATION_CLASSES = Set.of(
            "user", "userinternal", "userlocal", "userexternal", "userldap", "urp_profiles",
            "urp_userprofile", "urp_userorg", "personaltoken", "synchrodatasource", "synchroattribute",
            "synchroattextkey", "synchroattlinkset", "synchroreplica", "synchrolog");

    private RightsChecker() {
    }

    /** Returns whether the user's profiles grant the right, whatever the class involved. */
    public static boolean allows(User user, ServiceRight right) {
        if (user.isAdministrator()) {
            return true;
        }
        return switch (right) {
            case IMPORT, SYNCHRO_LOAD, SYNCHRO_RUN -> user.hasProfile(Profile.CONFIGURATION_MANAGER);
            case EXPORT -> user.hasProfile(Profile.CONFIGURATION_MANAGER) || user.hasProfile(Profile.READER);
            case CRON, READ_ARCHIVES, ADMINISTER -> false;
        };
    }

    /**
     * Returns whether the user may create and update objects of the class in bulk (import).
     *
     * <p>NOTE: the class is compared by name only. A subclass of an administration class that a
     * custom model adds is not recognized until the check is given the class hierarchy.
     */
    public static boolean canBulkModify(User user, String className) {
        return allows(user, ServiceRight.IMPORT) && allowsClass(user, className);
    }

    /** Returns whether the user may read objects of the class in bulk (export). */
    public static boolean canBulkRead(User user, String className) {
        return allows(user, ServiceRight.EXPORT) && allowsClass(user, className);
    }

    /** Returns whether the class defines users, profiles, tokens or synchro data sources. */
    public static boolean isAdministrationClass(String className) {
        return ADMINISTRATION_CLASSES.contains(className.toLowerCase(Locale.ROOT));
    }

    private static boolean allowsClass(User user, String className) {
        return user.isAdministrator() || !isAdministrationClass(className);
    }
}
