package io.github.itopdata.http.internal;

import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.server.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs one line per request to the logger {@code io.github.itopdata.http.access}: client
 * address, authenticated login, method, path, status, bytes sent and duration. The query string
 * is left out because it may carry {@code auth_pwd} or {@code auth_token}, and no header is
 * logged.
 */
public final class AccessLog implements RequestLog {

    /** Request attribute holding the login of the authenticated user. */
    static final String USER_ATTRIBUTE = "io.github.itopdata.http.user";

    private static final Logger LOG = LoggerFactory.getLogger("io.github.itopdata.http.access");

    @Override
    public void log(Request request, Response response) {
        Object user = request.getAttribute(USER_ATTRIBUTE);
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - request.getBeginNanoTime());
        LOG.info("{} {} \"{} {}\" {} {} bytes {} ms", Request.getRemoteAddr(request), user == null ? "-" : user,
                request.getMethod(), request.getHttpURI().getPath(), response.getStatus(),
                Response.getContentBytesWritten(response), elapsedMillis);
    }
}
