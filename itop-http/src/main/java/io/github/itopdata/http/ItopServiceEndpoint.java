package io.github.itopdata.http;

import io.github.itopdata.core.db.Database;
import io.github.itopdata.core.imports.ImportInput;
import io.github.itopdata.core.imports.ImportService;
import io.github.itopdata.core.service.ExitCodes;
import io.github.itopdata.core.service.FrontEnd;
import io.github.itopdata.core.service.ItopService;
import io.github.itopdata.core.service.ServiceContext;
import io.github.itopdata.core.service.ServiceOutput;
import io.github.itopdata.core.service.ServiceResult;
import io.github.itopdata.core.store.SchemaMapping;
import io.github.itopdata.core.synchro.SynchroImportService;
import io.github.itopdata.paramfile.Parameters;
import io.github.itopdata.paramfile.ParameterOrigin;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one {@link ItopService} over HTTP: the request's parameters become {@link Parameters}
 * of origin {@link ParameterOrigin#httpRequest()}, the response becomes the service's
 * {@link ServiceOutput}, and diagnostics go to the log.
 */
public final class ItopServiceEndpoint implements HttpService {

    /**
     * Largest value handed to a service as a string. The service contract passes parameters as
     * strings, so a larger upload gets HTTP 413 rather than read into memory. The {@code csvdata}
     * of import and synchro_import is the exception: it goes to the service as a file, whatever
     * its size.
     */
    public static final long MAX_STRING_VALUE_BYTES = 256L * 1024 * 1024;

    /** Services whose failed login returns the line {@code Invalid login} (import and synchro pages). */
    private static final Set<String> RETURN_LINE_SERVICES = Set.of("import", "synchro_import", "synchro_exec");
    /** Services whose output has no comment line to carry the ignored-{@code param_file} warning. */
    private static final Set<String> NO_COMMENT_SERVICES = Set.of("export", "export-v1", "export-v2");

    private static final String CSV_DATA = "csvdata";

    private static final Logger LOG = LoggerFactory.getLogger(ItopServiceEndpoint.class);

    private final ItopService service;
    private final Database database;
    private final SchemaMapping schema;
    private final Clock clock;

    public ItopServiceEndpoint(ItopService service, Database database, SchemaMapping schema, Clock clock) {
        this.service = service;
        this.database = database;
        this.schema = schema;
        this.clock = clock;
    }

    /** Wraps every service of the list, for {@link ItopHttpServer}. */
    public static List<HttpService> all(List<ItopService> services, Database database, SchemaMapping schema) {
        return services.stream()
                .<HttpService>map(service -> new ItopServiceEndpoint(service, database, schema, Clock.systemDefaultZone()))
                .toList();
    }

    @Override
    public List<String> paths() {
        return service.httpPaths();
    }

    @Override
    public LoginFailureStyle loginFailureStyle() {
        return RETURN_LINE_SERVICES.contains(service.name()) ? LoginFailureStyle.RETURN_LINE : LoginFailureStyle.PROMPT;
    }

    @Override
    public String loginFailureContentType() {
        return service.name().equals("import") ? "text/plain; charset=utf-8" : "text/plain; charset=UTF-8";
    }

    @Override
    public String commentLine(String text) {
        // NOTE: an export writes a document (CSV, XML, XLSX), so the warning goes to the log only.
        return NO_COMMENT_SERVICES.contains(service.name()) ? null : "#" + text;
    }

    @Override
    public ServiceResult run(ServiceCall call) throws IOException {
        String prefix = service.name() + " for " + call.user().login() + " from " + call.clientAddress() + ": ";
        ServiceContext context = new ServiceContext(FrontEnd.HTTP, database, schema, call.user(),
                message -> LOG.warn("{}{}", prefix, message), clock);
        ResponseOutput output = new ResponseOutput(call.response());

        Optional<RequestValue> csvdata = call.parameters().value(CSV_DATA);
        boolean readsInput = service instanceof ImportService || service instanceof SynchroImportService;
        if (readsInput && csvdata.isPresent()) {
            // These services read the spooled body themselves, so CSV data of any size stays on disk.
            Map<String, RequestValue> others = new LinkedHashMap<>(call.parameters().asMap());
            others.remove(CSV_DATA);
            Optional<Parameters> parameters = toParameters(others, call.response());
            if (parameters.isEmpty()) {
                return ServiceResult.of(ExitCodes.FAILURE);
            }
            ImportInput input = toImportInput(csvdata.get());
            return service instanceof ImportService importService
                    ? importService.run(context, parameters.get(), input, output)
                    : ((SynchroImportService) service).run(context, parameters.get(), input, output);
        }

        Optional<Parameters> parameters = toParameters(call.parameters().asMap(), call.response());
        if (parameters.isEmpty()) {
            return ServiceResult.of(ExitCodes.FAILURE);
        }
        return service.run(context, parameters.get(), output);
    }

    private static ImportInput toImportInput(RequestValue value) throws IOException {
        if (value.file().isPresent()) {
            return ImportInput.of(value.file().get());
        }
        try (InputStream in = value.openStream()) {
            return ImportInput.of(in.readAllBytes());
        }
    }

    /** Converts the values to HTTP-origin parameters, or sends 413 and returns empty for a value too large. */
    private static Optional<Parameters> toParameters(Map<String, RequestValue> values, ServiceResponse response)
            throws IOException {
        Parameters.Builder builder = Parameters.builder();
        for (Map.Entry<String, RequestValue> entry : values.entrySet()) {
            RequestValue value = entry.getValue();
            if (value.size() > MAX_STRING_VALUE_BYTES) {
                // NOTE: only csvdata of import and synchro_import is handed over as a file; any other
                // value goes through the string-based contract, hence this limit.
                response.setStatus(413);
                response.setContentType("text/plain; charset=utf-8");
                response.output().write(("Parameter '" + entry.getKey() + "' too large for this service (limit "
                        + MAX_STRING_VALUE_BYTES + " bytes)\n").getBytes(StandardCharsets.UTF_8));
                return Optional.empty();
            }
            builder.add(entry.getKey(), value.text(), ParameterOrigin.httpRequest());
        }
        return Optional.of(builder.build());
    }

    /** The service's output written to the HTTP response. */
    private record ResponseOutput(ServiceResponse response) implements ServiceOutput {
        @Override
        public void status(int status) {
            response.setStatus(status);
        }

        @Override
        public void contentType(String contentType) {
            response.setContentType(contentType);
        }

        @Override
        public void header(String name, String value) {
            response.setHeader(name, value);
        }

        @Override
        public OutputStream body() {
            return response.output();
        }
    }
}
