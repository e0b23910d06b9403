package io.github.itopdata.core.store;

import java.util.Arrays;

/** State of a staged row, stored in the staging table's {@code _action} column by its code. */
public enum StagedAction {
    /** No object matched (or no match was run): {@link StagingTable#insertNew} creates one. */
    CREATE("create"),
    /** A key value is null, so the row cannot be reconciled; nothing is written. */
    NULL_KEY("null key"),
    /** An earlier row of the same table has the same key ({@link StagingTable#markRepeatedKeys}); nothing is written. */
    REPEATED_KEY("repeated key"),
    /** Several objects matched; nothing is written. */
    AMBIGUOUS("ambiguous"),
    /** One object matched and no staged value differs from it. */
    UNCHANGED("unchanged"),
    /** One object matched and some staged values differ: {@link StagingTable#updateChanged} writes them. */
    UPDATE("update"),
    /** The caller excluded the row (a row error); nothing is written. */
    SKIPPED("skipped"),
    /** {@link StagingTable#insertNew} created the object. */
    CREATED("created"),
    /** {@link StagingTable#updateChanged} wrote the changed values. */
    UPDATED("updated");

    private final String code;

    StagedAction(String code) {
        this.code = code;
    }

    /** Returns the code stored in the {@code _action} column. */
    public String code() {
        return code;
    }

    /** Finds the action stored as {@code code}. */
    public static StagedAction fromCode(String code) {
        return Arrays.stream(values()).filter(action -> action.code.equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown staged action '" + code + "'"));
    }
}
