package io.github.itopdata.core.store;

/** PostgreSQL types of the object tables' columns. */
public enum SqlType {
    /** Strings, texts, enums, sets, case logs: {@code text}, no length limit (the engines check lengths). */
    TEXT("text"),
    /** Integers, percentages, durations in seconds: {@code integer}, iTop's 32-bit range. */
    INTEGER("integer"),
    /** Ids and external keys: {@code bigint}; a key that points to no object is null. */
    BIGINT("bigint"),
    /** Decimals: {@code numeric(digits, decimals)}. */
    NUMERIC("numeric"),
    /** Booleans. */
    BOOLEAN("boolean"),
    /** Dates. */
    DATE("date"),
    /** Date-times, without time zone, to the second as iTop has them. */
    TIMESTAMP("timestamp"),
    /** File contents of blobs and images. */
    BYTEA("bytea");

    private final String ddl;

    SqlType(String ddl) {
        this.ddl = ddl;
    }

    /** Returns the type's name in SQL, without precision. */
    public String ddl() {
        return ddl;
    }
}
