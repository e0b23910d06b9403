package io.github.itopdata.http;

import io.github.itopdata.paramfile.Parameters;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the HTTP endpoint. Each limit has its own status and a one-line message naming
 * the limit: body size 413, header size 431, request time 408 while the body
 * arrives and 503 afterwards, concurrent requests 503.
 *
 * @param bindAddress address to listen on ({@code http_bind}), loopback by default
 * @param port TCP port ({@code http_port}); 0 picks a free port, which the log reports
 * @param maxBodyBytes largest request body accepted, in bytes
 * @param maxHeaderBytes largest request line and headers accepted, in bytes
 * @param requestTimeout longest time one request may take, body upload included
 * @param idleTimeout longest time a connection may stay without any byte received or sent
 * @param maxConcurrentRequests requests processed at once; more wait in a queue
 * @param maxQueuedRequests requests that may wait; more are rejected at once
 * @param maxQueueWait longest time a request may wait in the queue
 * @param responseBufferBytes output kept in memory before the response is committed; a response
 *     that fits gets {@code Content-Length} and {@code X-Itop-Exit-Code} as headers, a longer
 *     one is streamed with chunked encoding and gets the exit code as a trailer
 * @param spoolDirectory parent directory of the temporary files holding request bodies
 * @param allowCredentialsInQuery whether {@code auth_user}, {@code auth_pwd} and
 *     {@code auth_token} are read from the query string, not only from the body
 * @param shutdownTimeout how long a stop waits for running requests to finish
 */
public record HttpSettings(
        String bindAddress,
        int port,
        long maxBodyBytes,
        int maxHeaderBytes,
        Duration requestTimeout,
        Duration idleTimeout,
        int maxConcurrentRequests,
        int maxQueuedRequests,
        Duration maxQueueWait,
        int responseBufferBytes,
        Path spoolDirectory,
        boolean allowCredentialsInQuery,
        Duration shutdownTimeout) {

    /** 1 GiB, the default body limit. */
    public static final long DEFAULT_MAX_BODY_BYTES = 1L << 30;

    public HttpSettings {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(maxQueueWait, "maxQueueWait");
        Objects.requireNonNull(spoolDirectory, "spoolDirectory");
        Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
        requireRange("http_port", port, 0, 65535);
        requireRange("http_max_body_bytes", maxBodyBytes, 1, Long.MAX_VALUE);
        requireRange("http_max_header_bytes", maxHeaderBytes, 1024, 1 << 20);
        requireRange("http_max_concurrent_requests", maxConcurrentRequests, 1, 10_000);
        requireRange("http_max_queued_requests", maxQueuedRequests, 0, 100_000);
        requireRange("http_response_buffer_bytes", responseBufferBytes, 0, 64 << 20);
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("Invalid http_request_timeout " + requestTimeout + ": it must be positive");
        }
    }

    /**
     * Default settings: 127.0.0.1:8080, 1 GiB bodies, 16 KiB headers, 3600 s per request,
     * 16 requests at once with 64 more waiting up to 30 s.
     */
    public static HttpSettings defaults() {
        return new HttpSettings("127.0.0.1", 8080, DEFAULT_MAX_BODY_BYTES, 16 * 1024, Duration.ofSeconds(3600),
                Duration.ofSeconds(300), 16, 64, Duration.ofSeconds(30), 256 * 1024,
                Path.of(System.getProperty("java.io.tmpdir")), true, Duration.ofSeconds(30));
    }

    /**
     * Reads the settings from the product's configuration and arguments, each absent one keeping
     * its default: {@code http_bind}, {@code http_port}, {@code http_max_body_bytes},
     * {@code http_max_header_bytes}, {@code http_request_timeout}, {@code http_idle_timeout},
     * {@code http_max_concurrent_requests}, {@code http_max_queued_requests},
     * {@code http_queue_wait}, {@code http_response_buffer_bytes}, {@code http_spool_dir},
     * {@code http.allow_credentials_in_query} and {@code http_shutdown_timeout}; durations are in
     * seconds.
     *
     * @throws io.github.itopdata.paramfile.InvalidParameterException naming the setting, its value
     *     and origin, when a value is not a number
     * @throws IllegalArgumentException when a number is out of range
     */
    public static HttpSettings fromParameters(Parameters parameters) {
        HttpSettings defaults = defaults();
        boolean allowInQuery = parameters.getBoolean("http.allow_credentials_in_query",
                parameters.getBoolean("http_allow_credentials_in_query", defaults.allowCredentialsInQuery()));
        return new HttpSettings(
                parameters.get("http_bind").map(String::strip).orElse(defaults.bindAddress()),
                parameters.getInt("http_port", defaults.port(), 0, 65535),
                parameters.getLong("http_max_body_bytes", defaults.maxBodyBytes()),
                parameters.getInt("http_max_header_bytes", defaults.maxHeaderBytes()),
                seconds(parameters, "http_request_timeout", defaults.requestTimeout()),
                seconds(parameters, "http_idle_timeout", defaults.idleTimeout()),
                parameters.getInt("http_max_concurrent_requests", defaults.maxConcurrentRequests()),
                parameters.getInt("http_max_queued_requests", defaults.maxQueuedRequests()),
                seconds(parameters, "http_queue_wait", defaults.maxQueueWait()),
                parameters.getInt("http_response_buffer_bytes", defaults.responseBufferBytes()),
                parameters.get("http_spool_dir").map(String::strip).map(Path::of).orElse(defaults.spoolDirectory()),
                allowInQuery,
                seconds(parameters, "http_shutdown_timeout", defaults.shutdownTimeout()));
    }

    private static Duration seconds(Parameters parameters, String name, Duration defaultValue) {
        return Duration.ofSeconds(parameters.getLong(name, defaultValue.toSeconds()));
    }

    public HttpSettings withPort(int newPort) {
        return new HttpSettings(bindAddress, newPort, maxBodyBytes, maxHeaderBytes, requestTimeout, idleTimeout,
                maxConcurrentRequests, maxQueuedRequests, maxQueueWait, responseBufferBytes, spoolDirectory,
                allowCredentialsInQuery, shutdownTimeout);
    }

    public HttpSettings withBindAddress(String newBindAddress) {
        return new HttpSettings(newBindAddress, port, maxBodyBytes, maxHeaderBytes, requestTimeout, idleTimeout,
                maxConcurrentRequests, maxQueuedRequests, maxQueueWait, responseBufferBytes, spoolDirectory,
                allowCredentialsInQuery, shutdownTimeout);
    }

    public HttpSettings withMaxBodyBytes(long newMaxBodyBytes) {
        return new HttpSettings(bindAddress, port, newMaxBodyBytes, maxHeaderBytes, requestTimeout, idleTimeout,
                maxConcurrentRequests, maxQueuedRequests, maxQueueWait, responseBufferBytes, spoolDirectory,
                allowCredentialsInQuery, shutdownTimeout);
    }

    public HttpSettings withMaxHeaderBytes(int newMaxHeaderBytes) {
        return new HttpSettings(bindAddress, port, maxBodyBytes, newMaxHeaderBytes, requestTimeout, idleTimeout,
                maxConcurrentRequests, maxQueuedRequests, maxQueueWait, responseBufferBytes, spoolDirectory,
                allowCredentialsInQuery, shutdownTimeout);
    }

    public HttpSettings withRequestTimeout(Duration newRequestTimeout) {
        return new HttpSettings(bindAddress, port, maxBodyBytes, maxHeaderBytes, newRequestTimeout, idleTimeout,
                maxConcurrentRequests, maxQueuedRequests, maxQueueWait, responseBufferBytes, spoolDirectory,
                allowCredentialsInQuery, shutdownTimeout);
    }

    public HttpSettings withIdleTimeout(Duration newIdleTimeout) {
        return new HttpSettings(bindAddress, port, maxBodyBytes, maxHeaderBytes, requestTimeout, newIdleTimeout,
                maxConcurrentRequests, maxQueuedRequests, maxQueueWait, responseBufferBytes, spoolDirectory,
                allowCredentialsInQuery, shutdownTimeout);
    }

    public HttpSettings withConcurrency(int newMaxConcurrentRequests, int newMaxQueuedRequests,
            Duration newMaxQueueWait) {
        return new HttpSettings(bindAddress, port, maxBodyBytes, maxHeaderBytes, requestTimeout, idleTimeout,
                newMaxConcurrentRequests, newMaxQueuedRequests, newMaxQueueWait, responseBufferBytes, spoolDirectory,
                allowCredentialsInQuery, shutdownTimeout);
    }

    public HttpSettings withResponseBufferBytes(int newResponseBufferBytes) {
        return new HttpSettings(bindAddress, port, maxBodyBytes, maxHeaderBytes, requestTimeout, idleTimeout,
                maxConcurrentRequests, maxQueuedRequests, maxQueueWait, newResponseBufferBytes, spoolDirectory,
                allowCredentialsInQuery, shutdownTimeout);
    }

    public HttpSettings withSpoolDirectory(Path newSpoolDirectory) {
        return new HttpSettings(bindAddress, port, maxBodyBytes, maxHeaderBytes, requestTimeout, idleTimeout,
                maxConcurrentRequests, maxQueuedRequests, maxQueueWait, responseBufferBytes, newSpoolDirectory,
                allowCredentialsInQuery, shutdownTimeout);
    }

    public HttpSettings withAllowCredentialsInQuery(boolean allow) {
        return new HttpSettings(bindAddress, port, maxBodyBytes, maxHeaderBytes, requestTimeout, idleTimeout,
                maxConcurrentRequests, maxQueuedRequests, maxQueueWait, responseBufferBytes, spoolDirectory,
                allow, shutdownTimeout);
    }

    private static void requireRange(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException("Invalid " + name + " " + value + ": expected a number from " + min
                    + " to " + max);
        }
    }
}
