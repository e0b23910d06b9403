package io.github.itopdata.core.query;

import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The query phrasebook: named OQL queries stored in the database (table
 * {@value #TABLE}), which exports run by id.
 */
public final class Phrasebook {

    /** Table of phrasebook entries. */
    public static final String TABLE = "itop_query_phrasebook";

    /**
     * One stored query.
     *
     * @param fields the default field list for tabular exports, empty when none
     */
    public record Entry(long id, String name, String oql, String fields, long exportCount) {
    }

    private final Jdbi jdbi;

    public Phrasebook(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Finds an entry by id. */
    public Optional<Entry> find(long id) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT id, name, oql, fields, export_count FROM " + TABLE + " WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> new Entry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5)))
                .findOne());
    }

    /** Stores a new entry and returns its id. */
    public long add(String name, String oql, String fields) {
        return jdbi.withHandle(handle -> handle.createUpdate(
                        "INSERT INTO " + TABLE + " (name, oql, fields) VALUES (:name, :oql, :fields)")
                .bind("name", name)
                .bind("oql", oql)
                .bind("fields", fields == null ? "" : fields)
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one());
    }

    /** Records one export made through the entry: the count grows by one and the date is now. */
    public void recordExport(long id) {
        jdbi.useHandle(handle -> handle.createUpdate(
                        "UPDATE " + TABLE + " SET export_count = export_count + 1, last_export = localtimestamp(0) WHERE id = :id")
                .bind("id", id)
                .execute());
    }
}
