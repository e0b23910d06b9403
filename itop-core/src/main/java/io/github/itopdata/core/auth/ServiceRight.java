package io.github.itopdata.core.auth;

/** What a user may be allowed to do; {@link RightsChecker} decides which profiles grant each right. */
public enum ServiceRight {
    /** Bulk create and update objects with the import service. */
    IMPORT,
    /** Read objects with the export services. */
    EXPORT,
    /** Load rows into the replica table of a synchro data source. */
    SYNCHRO_LOAD,
    /** Run the synchronization of a synchro data source. */
    SYNCHRO_RUN,
    /** Run the background processes (cron). */
    CRON,
    /** Read archived objects ({@code with_archive=1}). */
    READ_ARCHIVES,
    /** Manage users, profiles, tokens and synchro data source definitions. */
    ADMINISTER
}
