package io.github.itopdata.http.internal;

import java.time.Duration;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.QoSHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Limits the requests processed at once with Jetty's {@link QoSHandler}: further requests wait
 * in a bounded queue, and a request that finds the queue full or waits too long gets HTTP 503
 * with a message naming the limit.
 */
final class ConcurrencyLimitHandler extends QoSHandler {

    private final String busyMessage;
    private final String expiredMessage;

    ConcurrencyLimitHandler(Handler next, int maxRequests, int maxQueued, Duration maxWait) {
        super(next);
        setMaxRequestCount(maxRequests);
        setMaxSuspendedRequestCount(maxQueued);
        setMaxSuspend(maxWait);
        busyMessage = "Server busy: " + maxRequests + " requests are running and " + maxQueued
                + " are waiting (limits http_max_concurrent_requests and http_max_queued_requests); retry later";
        expiredMessage = "Server busy: the request waited " + maxWait.toSeconds() + " s for one of the "
                + maxRequests + " request slots (limit http_max_concurrent_requests); retry later";
    }

    @Override
    protected void reject(Request request, Response response, Callback callback, int status) {
        Response.writeError(request, response, callback, 503, busyMessage);
    }

    @Override
    protected void expireSuspended(Request request, Response response, Callback callback) {
        Response.writeError(request, response, callback, 503, expiredMessage);
    }
}
