package io.github.itopdata.http.internal;

import io.github.itopdata.core.auth.Authenticator;
import io.github.itopdata.core.auth.LoginResult;
import io.github.itopdata.core.auth.User;
import io.github.itopdata.http.HttpService;
import io.github.itopdata.http.HttpSettings;
import io.github.itopdata.http.LoginFailureStyle;
import io.github.itopdata.http.RequestParameters;
import io.github.itopdata.http.RequestValue;
import io.github.itopdata.http.ServiceCall;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.MultiPartFormData;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one request of a service: checks the method, authenticates, collects the parameters
 * from the query string and the body, runs the service and sends its output with the exit
 * code. Runs on a Jetty worker thread and may block.
 */
final class ServiceHandler extends Handler.Abstract {

    static final String INVALID_LOGIN = "Invalid login";
    static final String ACCESS_RESTRICTED =
            "iTop access to this page is restricted. Please, contact an iTop administrator.";
    static final String PARAM_FILE_WARNING = "Warning: param_file is not accepted over HTTP";
    static final String BASIC_CHALLENGE = "Basic realm=\"iTop\"";
    static final int AUTH_FAILURE_EXIT_CODE = 255;
    static final int UNEXPECTED_FAILURE_EXIT_CODE = 1;

    private static final Logger LOG = LoggerFactory.getLogger(ServiceHandler.class);
    /** Parameters read only from the body, never from the query string. */
    private static final List<String> BODY_ONLY = List.of("csvdata");
    /** Parameters that name server files; over HTTP they are dropped so that no service opens them. */
    private static final List<String> CLI_ONLY = List.of("csvfile");
    private static final List<String> CREDENTIAL_NAMES =
            List.of(Credentials.AUTH_USER, Credentials.AUTH_PWD, Credentials.AUTH_TOKEN);

    private final Map<String, HttpService> servicesByPath;
    private final StatusPage statusPage;
    private final Authenticator authenticator;
    private final HttpSettings settings;
    private final java.nio.file.Path spoolRoot;
    private final ScheduledExecutorService watchdog;
    private final BodyReader bodyReader;

    ServiceHandler(Map<String, HttpService> servicesByPath, StatusPage statusPage, Authenticator authenticator,
            HttpSettings settings, java.nio.file.Path spoolRoot, ScheduledExecutorService watchdog) {
        this.servicesByPath = Map.copyOf(servicesByPath);
        this.statusPage = statusPage;
        this.authenticator = authenticator;
        this.settings = settings;
        this.spoolRoot = spoolRoot;
        this.watchdog = watchdog;
        this.bodyReader = new BodyReader(settings.maxBodyBytes());
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        HttpService service = servicesByPath.get(path);
        boolean isStatusPage = StatusPage.PATH.equals(path);
        if (service == null && !isStatusPage) {
            Response.writeError(request, response, callback, 404, "Not found: " + path);
            return true;
        }
        String method = request.getMethod();
        if (!method.equals("GET") && !method.equals("POST")) {
            response.getHeaders().put(HttpHeader.ALLOW, "GET, POST");
            Response.writeError(request, response, callback, 405,
                    "Method " + method + " not allowed on " + path + "; use GET or POST");
            return true;
        }
        if (isStatusPage) {
            statusPage.handle(response, callback);
            return true;
        }

        ResponseChannel channel = new ResponseChannel(response, callback, settings.responseBufferBytes());
        RequestDeadline deadline = new RequestDeadline(settings.requestTimeout());
        BodyPhase phase = new BodyPhase();
        ScheduledFuture<?> timer = watchdog.schedule(() -> timeOut(channel, phase, deadline, path),
                settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        MultiPartFormData.Parts parts = null;
        try (SpoolDirectory spool = new SpoolDirectory(spoolRoot)) {
            parts = serve(request, service, channel, deadline, phase, spool);
        } catch (RequestRejection rejection) {
            LOG.info("Rejected {} {} from {}: {}", method, path, Request.getRemoteAddr(request),
                    rejection.getMessage());
            channel.sendError(rejection.status(), rejection.getMessage(), UNEXPECTED_FAILURE_EXIT_CODE);
        } catch (IOException e) {
            LOG.info("{} {} from {} ended early: {}", method, path, Request.getRemoteAddr(request), e.toString());
            channel.abort("I/O failure: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("Unexpected failure of {} {} from {}", method, path, Request.getRemoteAddr(request), e);
            channel.sendError(500, "ERROR: " + e.getMessage(), UNEXPECTED_FAILURE_EXIT_CODE);
        } catch (OutOfMemoryError e) {
            // The request's memory is released by now, so the server can respond and serve the next requests.
            LOG.error("Out of memory in {} {} from {}", method, path, Request.getRemoteAddr(request), e);
            channel.sendError(500, "ERROR: Out of memory: the request needed more than the server's Java heap limit of "
                    + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB; send less data per request, or start"
                    + " itop serve with a larger limit (ITOP_JAVA_OPTS=-Xmx...)", UNEXPECTED_FAILURE_EXIT_CODE);
        } finally {
            timer.cancel(false);
            if (parts != null) {
                parts.close();
            }
        }
        return true;
    }

    private MultiPartFormData.Parts serve(Request request, HttpService service, ResponseChannel channel,
            RequestDeadline deadline, BodyPhase phase, SpoolDirectory spool) throws RequestRejection, IOException {
        String address = Request.getRemoteAddr(request);

        Optional<Credentials> headerCredentials = Credentials.fromHeaders(request.getHeaders());
        User user = null;
        if (headerCredentials.isPresent()) {
            user = authenticate(headerCredentials.get(), address);
            if (user == null) {
                refuseLogin(request, service, channel, headerCredentials);
                return null;
            }
        }

        Map<String, RequestValue> parameters = queryParameters(request);
        MultiPartFormData.Parts parts;
        phase.readingBody = true;
        try {
            parts = bodyReader.read(request, deadline, spool, parameters);
        } finally {
            phase.readingBody = false;
        }
        if (channel.isCompleted()) {
            return parts;
        }

        if (user == null) {
            Optional<Credentials> parameterCredentials = Credentials.fromParameters(parameters);
            if (parameterCredentials.isPresent()) {
                user = authenticate(parameterCredentials.get(), address);
            }
            if (user == null) {
                refuseLogin(request, service, channel, parameterCredentials);
                return parts;
            }
        }
        request.setAttribute(AccessLog.USER_ATTRIBUTE, user.login());

        CREDENTIAL_NAMES.forEach(parameters::remove);
        parameters.remove("login_mode");
        CLI_ONLY.forEach(parameters::remove);
        boolean paramFileGiven = parameters.remove("param_file") != null;

        ServiceCall call = new ServiceCall(user, new RequestParameters(parameters), address, channel);
        if (paramFileGiven) {
            LOG.warn("Ignored param_file in a request of '{}' from {}: parameters files are never read over HTTP",
                    user.login(), address);
            String warning = service.commentLine(PARAM_FILE_WARNING);
            if (warning != null) {
                channel.output().write((warning + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        channel.finish(service.run(call));
        return parts;
    }

    private User authenticate(Credentials credentials, String address) {
        if (!credentials.wellFormed()) {
            LOG.warn("Failed login from {}: the Authorization header is not valid basic authentication", address);
            return null;
        }
        LoginResult result = credentials.kind() == Credentials.Kind.TOKEN
                ? authenticator.checkToken(credentials.secret(), address)
                : authenticator.checkPassword(credentials.login(), credentials.secret(), address);
        return result.user().orElse(null);
    }

    private void refuseLogin(Request request, HttpService service, ResponseChannel channel,
            Optional<Credentials> credentials) {
        boolean ajax = request.getHeaders().contains("X-Combodo-Ajax");
        boolean basic = credentials.map(c -> c.kind() == Credentials.Kind.BASIC).orElse(false);
        boolean promptWithoutBasic = service.loginFailureStyle() == LoginFailureStyle.PROMPT && !basic;
        if (ajax && (credentials.isEmpty() || promptWithoutBasic)) {
            // Browser scripts of the console: an empty 401 tells them to show their own login.
            channel.sendLine(401, "", "", AUTH_FAILURE_EXIT_CODE, Map.of());
            return;
        }
        if (service.loginFailureStyle() == LoginFailureStyle.RETURN_LINE) {
            Map<String, String> challenge = basic ? Map.of("WWW-Authenticate", BASIC_CHALLENGE) : Map.of();
            channel.sendLine(401, service.loginFailureContentType(), INVALID_LOGIN, AUTH_FAILURE_EXIT_CODE, challenge);
        } else {
            channel.sendLine(401, "text/plain; charset=utf-8", ACCESS_RESTRICTED, AUTH_FAILURE_EXIT_CODE,
                    Map.of("WWW-Authenticate", BASIC_CHALLENGE));
        }
    }

    private Map<String, RequestValue> queryParameters(Request request) throws RequestRejection {
        Fields fields;
        try {
            fields = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            throw new RequestRejection(400, "Malformed query string: " + e.getMessage(), e);
        }
        Map<String, RequestValue> parameters = new LinkedHashMap<>();
        for (Fields.Field field : fields) {
            String name = field.getName();
            if (BODY_ONLY.contains(name)) {
                continue;
            }
            if (!settings.allowCredentialsInQuery() && CREDENTIAL_NAMES.contains(name)) {
                continue;
            }
            List<String> values = field.getValues();
            parameters.put(name, RequestValue.ofText(values.get(values.size() - 1)));
        }
        return parameters;
    }

    private static void timeOut(ResponseChannel channel, BodyPhase phase, RequestDeadline deadline, String path) {
        if (channel.isCompleted()) {
            return;
        }
        boolean duringBody = phase.readingBody;
        String message = duringBody ? deadline.bodyTimeoutMessage() : deadline.processingTimeoutMessage();
        LOG.warn("Request to {} timed out: {}", path, message);
        // NOTE: a service that neither writes nor returns keeps its worker thread after the
        // client received this response, and it stops at its next write, which fails.
        channel.sendError(duringBody ? 408 : 503, message, UNEXPECTED_FAILURE_EXIT_CODE);
    }

    /** Whether the request's body is being read, for the timeout's status (408 or 503). */
    private static final class BodyPhase {
        volatile boolean readingBody;
    }
}
