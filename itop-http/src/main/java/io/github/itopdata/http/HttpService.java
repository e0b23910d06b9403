package io.github.itopdata.http;

import io.github.itopdata.core.service.ServiceResult;
import java.io.IOException;
import java.util.List;

/**
 * A service that the HTTP endpoint serves at one or more paths. The server authenticates the
 * request, collects its parameters, calls {@link #run}, and sets {@code X-Itop-Exit-Code} and
 * {@code X-Itop-Error-Count} from the returned result.
 */
public interface HttpService {

    /** Returns the paths served, such as {@code /webservices/import.php}. */
    List<String> paths();

    /** Returns the response style of a failed login. */
    LoginFailureStyle loginFailureStyle();

    /**
     * Returns the {@code Content-Type} of the failed-login body line for
     * {@link LoginFailureStyle#RETURN_LINE} services.
     */
    default String loginFailureContentType() {
        return "text/plain; charset=utf-8";
    }

    /**
     * Returns the text as a comment line of this service's output, without the line break.
     * The server uses it to write {@code Warning: param_file is not accepted over HTTP} at the
     * start of the output when a request carries {@code param_file}. Returns {@code null} for a
     * service whose output has no comment lines, and then the warning is only logged.
     */
    default String commentLine(String text) {
        return "#" + text;
    }

    /**
     * Runs the service and returns the exit code the CLI would return for the same call, with
     * the error count where the service counts errors.
     *
     * @throws IOException if writing the output fails, for instance because the client left
     */
    ServiceResult run(ServiceCall call) throws IOException;
}
