package io.github.itopdata.core.imports;

import io.github.itopdata.core.db.Database;
import io.github.itopdata.core.model.Model;
import io.github.itopdata.core.store.SchemaMapping;
import io.github.itopdata.core.store.StoreSchema;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Runs imports on a database holding the reference model and its fixture: two organizations,
 * three locations, two persons, two servers and one gadget, with fixed ids.
 */
final class ImportFixture {

    static final String USER = "Mira Solberg";

    final Database database;
    final Model model;
    final CsvImporter importer;

    ImportFixture(Database database) {
        this.database = database;
        this.model = ReferenceModel.build();
        StoreSchema.apply(database.jdbi(), SchemaMapping.of(model));
        this.importer = new CsvImporter(database.jdbi(), model);
    }

    /** Empties the object and history tables and loads the fixture again. */
    void reset() {
        database.jdbi().useHandle(handle -> {
            handle.execute("TRUNCATE obj_organization, obj_location, obj_contact, obj_functionalci,"
                    + " obj_lnkcontacttofunctionalci, obj_gadget, itop_change, itop_change_op");
            handle.execute("INSERT INTO obj_organization (id, finalclass, name, code, status) VALUES"
                    + " (1, 'Organization', 'Northwind Labs', 'NWL', 'active'),"
                    + " (2, 'Organization', 'Bluefin Partners', 'BFP', 'active')");
            handle.execute("INSERT INTO obj_location (id, finalclass, name, org_id, city) VALUES"
                    + " (10, 'Location', 'Main Office', 1, 'Oslo'), (11, 'Location', 'Main Office', 2, 'Bergen'),"
                    + " (12, 'Location', 'Harbor Depot', 2, 'Bergen')");
            handle.execute("INSERT INTO obj_contact (id, finalclass, name, first_name, org_id, email, employee_number,"
                    + " status) VALUES (100, 'Person', 'Okafor', 'Lena', 1, 'lena.okafor@northwind.example', 'E-100',"
                    + " 'active'), (101, 'Person', 'Varga', 'Tomas', 2, 'tomas.varga@bluefin.example', NULL, 'active')");
            handle.execute("INSERT INTO obj_functionalci (id, finalclass, name, org_id, status, purchase_date) VALUES"
                    + " (200, 'Server', 'srv-alpha', 1, 'production', '2023-03-15'),"
                    + " (201, 'Server', 'srv-beta', 2, 'stock', NULL)");
            handle.execute("INSERT INTO obj_gadget (id, finalclass, code, label, qty, price, enabled, level, journal)"
                    + " VALUES (300, 'Gadget', 'G-1', 'First', 5, 12.50, true, 'low',"
                    + " E'========== 2024-01-02 10:00:00 : Admin ============\\n\\nFirst entry\\n')");
            for (String table : List.of("obj_organization", "obj_location", "obj_contact", "obj_functionalci",
                    "obj_lnkcontacttofunctionalci", "obj_gadget")) {
                handle.execute("SELECT setval('" + table + "_id_seq', 1000)");
            }
        });
    }

    /** The output, exit code and result of one run. */
    record Run(String output, ImportResult result) {
        List<String> lines() {
            return List.of(output.split("\n", -1));
        }
    }

    /** Runs an import of {@code csv} (UTF-8) with the cases' common arguments and these overrides. */
    Run run(String csv, String... arguments) {
        return run(csv.getBytes(StandardCharsets.UTF_8), arguments);
    }

    Run run(byte[] csv, String... arguments) {
        Map<String, String> parameters = new HashMap<>();
        parameters.put("charset", "UTF-8");
        parameters.put("no_localize", "1");
        parameters.put("output", "details");
        for (String argument : arguments) {
            int equals = argument.indexOf('=');
            String name = argument.substring(2, equals);
            String value = argument.substring(equals + 1);
            if (value.equals("<omitted>")) {
                parameters.remove(name);
            } else {
                parameters.put(name, value);
            }
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try {
            ImportResult result = importer.run(ImportRequest.fromParameters(parameters), ImportInput.of(csv),
                    new ImportUser(USER, Optional.of(7L), className -> true), output);
            return new Run(output.toString(StandardCharsets.UTF_8), result);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    <T> T query(String sql, Class<T> type) {
        return database.jdbi().withHandle(handle -> handle.createQuery(sql).mapTo(type).one());
    }

    List<Map<String, Object>> rows(String sql) {
        return database.jdbi().withHandle(handle -> handle.createQuery(sql).mapToMap().list());
    }

    long count(String sql) {
        return query(sql, Long.class);
    }

    Handle open() {
        return database.jdbi().open();
    }
}
