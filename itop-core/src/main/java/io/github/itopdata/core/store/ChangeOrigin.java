package io.github.itopdata.core.store;

import java.util.Arrays;
import java.util.Optional;

/**
 * The source of a change set (import, synchronization, API...), stored with iTop's codes so that history read by iTop-minded
 * tools keeps its meaning.
 */
public enum ChangeOrigin {
    /** A user editing objects one at a time (an embedding application's forms). */
    INTERACTIVE("interactive"),
    /** The bulk-change engine run by {@code import} from the CLI or HTTP. */
    CSV_IMPORT("csv-import.php"),
    /** A synchronization run of a data source. */
    SYNCHRO("synchro-data-source"),
    /** A REST web-service call. */
    WEBSERVICE_REST("webservice-rest"),
    /** Code that embeds the library and writes through its API, and setup commands of the CLI. */
    CUSTOM_EXTENSION("custom-extension");

    private final String code;

    ChangeOrigin(String code) {
        this.code = code;
    }

    /** Returns the code stored in the {@code origin} column, such as {@code csv-import.php}. */
    public String code() {
        return code;
    }

    /** Finds the origin stored as {@code code}, compared exactly. */
    public static Optional<ChangeOrigin> fromCode(String code) {
        return Arrays.stream(values()).filter(origin -> origin.code.equals(code)).findFirst();
    }
}
