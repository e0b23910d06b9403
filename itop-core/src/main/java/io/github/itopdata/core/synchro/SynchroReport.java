package io.github.itopdata.core.synchro;

import java.util.ArrayList;
import java.util.List;

/** The text of a run's counters, as synchro_import (with {@code #}) and synchro_exec (without) print them. */
final class SynchroReport {

    static final String RULE = "#" + "-".repeat(60);

    private SynchroReport() {
    }

    /** Returns the 14 counter lines of a log, each prefixed with {@code prefix}. */
    static List<String> counterLines(SynchroLog log, String prefix) {
        List<String> lines = new ArrayList<>();
        lines.add(prefix + "Replicas: " + log.get("stats_nb_replica_total"));
        lines.add(prefix + "Replicas touched since last synchro: " + log.get("stats_nb_replica_seen"));
        lines.add(prefix + "Objects deleted: " + log.get("stats_nb_obj_deleted"));
        lines.add(prefix + "Objects deletion errors: " + log.get("stats_nb_obj_deleted_errors"));
        lines.add(prefix + "Objects obsoleted: " + log.get("stats_nb_obj_obsoleted"));
        lines.add(prefix + "Objects obsolescence errors: " + log.get("stats_nb_obj_obsoleted_errors"));
        lines.add(prefix + "Objects created: " + log.get("stats_nb_obj_created") + " ("
                + log.get("stats_nb_obj_created_warnings") + " warnings)");
        lines.add(prefix + "Objects creation errors: " + log.get("stats_nb_obj_created_errors"));
        lines.add(prefix + "Objects updated: " + log.get("stats_nb_obj_updated") + " ("
                + log.get("stats_nb_obj_updated_warnings") + " warnings)");
        lines.add(prefix + "Objects update errors: " + log.get("stats_nb_obj_updated_errors"));
        lines.add(prefix + "Objects reconciled (updated): " + log.get("stats_nb_obj_new_updated") + " ("
                + log.get("stats_nb_obj_new_updated_warnings") + " warnings)");
        lines.add(prefix + "Objects reconciled (unchanged): " + log.get("stats_nb_obj_new_unchanged") + " ("
                + log.get("stats_nb_obj_new_unchanged_warnings") + " warnings)");
        lines.add(prefix + "Objects reconciliation errors: " + log.get("stats_nb_replica_reconciled_errors"));
        lines.add(prefix + "Replica disappeared, no action taken: " + log.get("stats_nb_replica_disappeared_no_action"));
        return lines;
    }

    /** Returns the exit code of a run that ended with status error, or 0. */
    static int exitCodeOf(SynchroLog log) {
        return switch (log.failure()) {
            case NONE -> 0;
            case RUN -> 1;
            case RIGHTS -> 255;
            case SAFETY -> 4;
        };
    }
}
