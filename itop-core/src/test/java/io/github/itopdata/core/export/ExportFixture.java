package io.github.itopdata.core.export;

import io.github.itopdata.core.db.Database;
import io.github.itopdata.core.query.FixtureData;
import io.github.itopdata.core.query.FixtureModel;
import io.github.itopdata.core.store.SchemaMapping;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** An exporter over the fixture data, with helpers that run a request and return the bytes. */
final class ExportFixture {

    static final SchemaMapping MAPPING = SchemaMapping.of(FixtureModel.build());

    final Exporter exporter;

    ExportFixture(Database database, boolean load) {
        if (load) {
            FixtureData.load(database, MAPPING);
        }
        this.exporter = new Exporter(database, MAPPING);
    }

    byte[] bytes(ExportRequest request) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        exporter.export(request, out);
        return out.toByteArray();
    }

    String text(ExportRequest request) {
        return new String(bytes(request), StandardCharsets.UTF_8);
    }

    static ExportRequest.Builder csv(String oql, String fields) {
        return ExportRequest.builder().expression(oql).format(ExportFormat.CSV).fields(fields);
    }
}
