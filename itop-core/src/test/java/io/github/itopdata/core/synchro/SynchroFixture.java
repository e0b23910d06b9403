package io.github.itopdata.core.synchro;

import io.github.itopdata.core.auth.Profile;
import io.github.itopdata.core.auth.User;
import io.github.itopdata.core.db.Database;
import io.github.itopdata.core.imports.ImportInput;
import io.github.itopdata.core.model.DefaultModel;
import io.github.itopdata.core.service.FrontEnd;
import io.github.itopdata.core.service.ServiceContext;
import io.github.itopdata.core.service.ServiceOutput;
import io.github.itopdata.core.service.ServiceResult;
import io.github.itopdata.core.store.SchemaMapping;
import io.github.itopdata.core.store.StoreSchema;
import io.github.itopdata.paramfile.ParameterOrigin;
import io.github.itopdata.paramfile.Parameters;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A database with the default model, the organizations North Lab (code NLAB, id 4) and South
 * Yard (code SYRD, id 5), and helpers to define the "Lab servers" source, load feeds and run it.
 */
final class SynchroFixture {

    static final User ADMIN = new User(1, "admin", Set.of(Profile.ADMINISTRATOR));
    static final String SY01 = "primary_key;name;org_id;serialnumber;status;move2production\n"
            + "srv-001;atlas;NLAB;SN-9001;production;2025-01-15\n"
            + "srv-002;boreas;NLAB;SN-9002;production;2025-01-20\n"
            + "srv-003;cyrene;NLAB;SN-9003;implementation;\n";

    final Database database;
    final SchemaMapping mapping;
    final DataSources sources;

    SynchroFixture(Database database) {
        this.database = database;
        this.mapping = SchemaMapping.of(DefaultModel.load());
        StoreSchema.apply(database.jdbi(), mapping);
        this.sources = new DataSources(database.jdbi(), mapping);
    }

    /** Drops every data source and empties the object and history tables. */
    void reset() {
        for (DataSource source : sources.list()) {
            sources.delete(source.id());
        }
        database.jdbi().useHandle(handle -> {
            handle.execute("TRUNCATE obj_organization, obj_functionalci, obj_contact, obj_synchrolog,"
                    + " obj_synchroreplica, itop_change, itop_change_op, synchro_lock_holder");
            handle.execute("INSERT INTO obj_organization (id, finalclass, name, code, status) VALUES"
                    + " (4, 'Organization', 'North Lab', 'NLAB', 'active'),"
                    + " (5, 'Organization', 'South Yard', 'SYRD', 'active')");
            handle.execute("SELECT setval('obj_organization_id_seq', 100)");
            handle.execute("SELECT setval('obj_functionalci_id_seq', 100)");
        });
    }

    /** The "Lab servers" source: name reconciles, org_id by code, everything master_locked. */
    DataSource.Builder labServers() {
        List<SynchroAttributeDef> attributes = new ArrayList<>();
        attributes.add(SynchroAttributeDef.plain("name", true, true, "master_locked"));
        attributes.add(SynchroAttributeDef.externalKey("org_id", true, false, "master_locked", "code"));
        for (String code : List.of("serialnumber", "status", "description", "move2production")) {
            attributes.add(SynchroAttributeDef.plain(code, true, false, "master_locked"));
        }
        return DataSource.builder("Lab servers", "Server").status("production").attributes(attributes);
    }

    DataSource create(DataSource.Builder builder) {
        return sources.create(builder.build());
    }

    /** Changes settings of a stored source. */
    DataSource change(DataSource source, java.util.function.UnaryOperator<DataSource.Builder> edit) {
        return sources.update(edit.apply(sources.find(source.id()).orElseThrow().toBuilder()).build());
    }

    record Call(String output, ServiceResult result) {
        List<String> lines() {
            return List.of(output.split("\n", -1));
        }

        int exitCode() {
            return result.exitCode();
        }
    }

    /** Runs synchro_import of {@code csv} with synchronize=1, output=summary and these overrides. */
    Call load(DataSource source, String csv, String... arguments) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("data_source_id", Long.toString(source.id()));
        parameters.put("synchronize", "1");
        parameters.put("output", "summary");
        parameters.put("separator", ";");
        putArguments(parameters, arguments);
        return call(new SynchroImportService(), parameters, csv.getBytes(StandardCharsets.UTF_8), ADMIN);
    }

    Call loadAs(User user, DataSource source, String csv, String... arguments) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("data_source_id", Long.toString(source.id()));
        parameters.put("output", "summary");
        putArguments(parameters, arguments);
        return call(new SynchroImportService(), parameters, csv.getBytes(StandardCharsets.UTF_8), user);
    }

    /** Runs synchro_exec on the given source ids. */
    Call exec(String dataSources, String... arguments) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("data_sources", dataSources);
        putArguments(parameters, arguments);
        return call(new SynchroExecService(), parameters, null, ADMIN);
    }

    private static void putArguments(Map<String, String> parameters, String... arguments) {
        for (String argument : arguments) {
            int equals = argument.indexOf('=');
            parameters.put(argument.substring(2, equals), argument.substring(equals + 1));
        }
    }

    Call call(io.github.itopdata.core.service.ItopService service, Map<String, String> arguments, byte[] csv, User user) {
        Parameters.Builder builder = Parameters.builder();
        arguments.forEach((name, value) -> builder.add(name, value, ParameterOrigin.argument(1)));
        ServiceContext context = new ServiceContext(FrontEnd.CLI, database, mapping, user, warning -> { },
                Clock.systemUTC());
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try {
            ServiceResult result = csv == null ? service.run(context, builder.build(), ServiceOutput.of(body))
                    : ((SynchroImportService) service).run(context, builder.build(), ImportInput.of(csv),
                            ServiceOutput.of(body));
            return new Call(body.toString(StandardCharsets.UTF_8), result);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Moves the last-seen dates of a source's replicas back, so that the next load comes that much later. */
    void ageReplicas(DataSource source, long hours) {
        database.jdbi().useHandle(handle -> handle.execute("UPDATE obj_synchroreplica SET status_last_seen ="
                + " status_last_seen - make_interval(hours => ?) WHERE sync_source_id = ?", (int) hours, source.id()));
    }

    Map<String, Object> server(String name) {
        return database.jdbi().withHandle(handle -> handle.createQuery("SELECT * FROM obj_functionalci WHERE name = :n")
                .bind("n", name).mapToMap().findOne().orElse(null));
    }

    long count(String sql, Object... arguments) {
        return database.jdbi().withHandle(handle -> {
            var query = handle.createQuery(sql);
            for (int i = 0; i < arguments.length; i++) {
                query.bind(i, arguments[i]);
            }
            return query.mapTo(Long.class).one();
        });
    }

    List<Map<String, Object>> replicas(DataSource source) {
        return database.jdbi().withHandle(handle -> handle.createQuery("SELECT r.*, d.primary_key FROM obj_synchroreplica r"
                        + " JOIN " + source.databaseTableName() + " d ON d.id = r.id WHERE r.sync_source_id = :s ORDER BY r.id")
                .bind("s", source.id()).mapToMap().list());
    }

    Map<String, Object> replica(DataSource source, String primaryKey) {
        return replicas(source).stream().filter(r -> primaryKey.equals(r.get("primary_key"))).findFirst().orElse(null);
    }

    void sql(String statement) {
        database.jdbi().useHandle(handle -> handle.execute(statement));
    }
}
