package io.github.itopdata.core.query;

import io.github.itopdata.core.db.Database;
import io.github.itopdata.core.store.SchemaMapping;
import io.github.itopdata.core.store.StoreSchema;

/**
 * Creates the fixture model's tables and fills them with the fixture objects: organizations
 * 1-4 (3 inactive, so obsolete), persons 10-13 (13 inactive), team 20, servers 30-31 and the
 * person-to-team links 50-51.
 */
public final class FixtureData {

    private FixtureData() {
    }

    /** Creates the tables of {@code mapping} and inserts the fixture objects. */
    public static void load(Database database, SchemaMapping mapping) {
        StoreSchema.apply(database.jdbi(), mapping);
        database.jdbi().useHandle(handle -> {
            handle.execute("INSERT INTO obj_organization (id, finalclass, name, code, status, parent_id) VALUES"
                    + " (1, 'Organization', 'Northwind Labs', 'NWL', 'active', NULL),"
                    + " (2, 'Organization', 'Bluefin Systems', 'BFS', 'active', 1),"
                    + " (3, 'Organization', 'Old Harbor Co', 'OHC', 'inactive', NULL),"
                    + " (4, 'Organization', 'Cedar Works', 'CDW', 'active', 2)");
            handle.execute("INSERT INTO obj_contact (id, finalclass, name, first_name, org_id, email, status) VALUES"
                    + " (10, 'Person', 'Quill', 'Ada', 1, 'ada.quill@example.org', 'active'),"
                    + " (11, 'Person', 'Tamm', 'Bruno', 2, '', 'active'),"
                    + " (12, 'Person', 'Varga', 'Chloé', 2, '', 'active'),"
                    + " (13, 'Person', 'O''Neil', 'Dmitri', 4, '', 'inactive'),"
                    + " (20, 'Team', 'Ops Team', NULL, 1, '', 'active')");
            handle.execute("INSERT INTO obj_server (id, finalclass, name, org_id, status, cpu_count, ram_gb, purchase_date,"
                    + " last_scan, monitored, notes, tags) VALUES"
                    + " (30, 'Server', 'srv-alpha', 1, 'production', 8, 16.00, '2021-03-15', '2024-05-02 14:30:00', true,"
                    + " '<p>Rack 4, \"top\" shelf</p>', 'linux|db'),"
                    + " (31, 'Server', 'srv-beta', 2, 'implementation', NULL, NULL, NULL, NULL, false, '', '')");
            handle.execute("INSERT INTO obj_lnkpersontoteam (id, finalclass, person_id, team_id, role) VALUES"
                    + " (50, 'lnkPersonToTeam', 10, 20, 'lead'), (51, 'lnkPersonToTeam', 11, 20, 'member')");
        });
    }
}
