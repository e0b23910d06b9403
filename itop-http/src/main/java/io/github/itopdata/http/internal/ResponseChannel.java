package io.github.itopdata.http.internal;

import io.github.itopdata.core.service.ExitCodes;
import io.github.itopdata.core.service.ServiceResult;
import io.github.itopdata.http.ServiceResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The response of one service call. Output is buffered in memory up to a limit: a response that
 * fits is sent whole with {@code Content-Length} and the exit code in the
 * {@code X-Itop-Exit-Code} header. A longer one is committed when it outgrows the buffer and
 * streamed with chunked encoding, and the exit code, unknown when the headers left, follows as
 * an HTTP trailer of the same name (announced by a {@code Trailer} header).
 *
 * <p>The request's watchdog may complete the exchange from another thread when the request
 * times out, so every step that touches the Jetty response is synchronized, and the first
 * completion wins.
 */
final class ResponseChannel implements ServiceResponse {

    static final String EXIT_CODE_HEADER = "X-Itop-Exit-Code";
    static final String RESULT_HEADER = "X-Itop-Result";
    static final String ERROR_COUNT_HEADER = "X-Itop-Error-Count";

    private final Response response;
    private final Callback callback;
    private final int bufferLimit;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final OutputStream output = new ChannelOutput();
    private int status = 200;
    private ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private OutputStream stream;
    private boolean committed;
    private boolean completed;
    private String abortMessage;
    private volatile int exitCode = -1;
    private volatile OptionalLong errorCount = OptionalLong.empty();

    ResponseChannel(Response response, Callback callback, int bufferLimit) {
        this.response = response;
        this.callback = callback;
        this.bufferLimit = bufferLimit;
        headers.put("Cache-Control", "no-cache, no-store, must-revalidate");
        headers.put("Pragma", "no-cache");
        headers.put("Expires", "0");
        headers.put("X-Frame-Options", "SAMEORIGIN");
        headers.put("X-Content-Type-Options", "nosniff");
    }

    @Override
    public synchronized void setStatus(int newStatus) {
        if (!committed) {
            status = newStatus;
        }
    }

    @Override
    public synchronized void setContentType(String contentType) {
        setHeader(HttpHeader.CONTENT_TYPE.asString(), contentType);
    }

    @Override
    public synchronized void setHeader(String name, String value) {
        if (!committed) {
            headers.put(name, value);
        }
    }

    @Override
    public synchronized boolean isCommitted() {
        return committed;
    }

    @Override
    public OutputStream output() {
        return output;
    }

    synchronized boolean isCompleted() {
        return completed;
    }

    /** Sends what the service wrote, with its exit code, and completes the exchange. */
    synchronized void finish(ServiceResult result) throws IOException {
        if (completed) {
            return;
        }
        exitCode = result.exitCode();
        errorCount = result.errorCount();
        if (!committed) {
            headers.put(EXIT_CODE_HEADER, Integer.toString(exitCode));
            headers.put(RESULT_HEADER, resultWord(exitCode));
            errorCount.ifPresent(count -> headers.put(ERROR_COUNT_HEADER, Long.toString(count)));
            byte[] body = buffer.toByteArray();
            applyHeaders();
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
            committed = true;
            completed = true;
            response.write(true, ByteBuffer.wrap(body), callback);
            return;
        }
        completed = true;
        try {
            stream.close();
        } catch (IOException e) {
            callback.failed(e);
            throw e;
        }
        callback.succeeded();
    }

    /**
     * Sends a one-line plain-text response in place of whatever was buffered, or aborts the
     * connection when the response is already streaming, since a status can no longer be sent.
     */
    synchronized void sendError(int errorStatus, String message, int errorExitCode) {
        sendLine(errorStatus, "text/plain; charset=utf-8", message, errorExitCode, Map.of());
    }

    /** Sends a complete response of one line (or none, when the line is empty). */
    synchronized void sendLine(int lineStatus, String contentType, String line, int lineExitCode,
            Map<String, String> extraHeaders) {
        if (completed) {
            return;
        }
        if (committed) {
            abort(line);
            return;
        }
        buffer = new ByteArrayOutputStream();
        status = lineStatus;
        headers.putAll(extraHeaders);
        byte[] body = line.isEmpty() ? new byte[0] : (line + "\n").getBytes(StandardCharsets.UTF_8);
        if (body.length > 0) {
            headers.put(HttpHeader.CONTENT_TYPE.asString(), contentType);
        }
        headers.put(EXIT_CODE_HEADER, Integer.toString(lineExitCode));
        headers.put(RESULT_HEADER, resultWord(lineExitCode));
        exitCode = lineExitCode;
        applyHeaders();
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        committed = true;
        completed = true;
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    /** Drops the connection of a response already streaming; the client sees a truncated body. */
    synchronized void abort(String reason) {
        if (completed) {
            return;
        }
        completed = true;
        abortMessage = reason;
        callback.failed(new TimeoutException(reason));
    }

    private synchronized void write(byte[] bytes, int offset, int length) throws IOException {
        if (completed) {
            throw new IOException(abortMessage != null ? abortMessage : "The response is already complete");
        }
        if (!committed) {
            if (buffer.size() + length <= bufferLimit) {
                buffer.write(bytes, offset, length);
                return;
            }
            commitStreaming();
        }
        stream.write(bytes, offset, length);
    }

    private void commitStreaming() throws IOException {
        headers.put("Trailer", EXIT_CODE_HEADER + ", " + RESULT_HEADER + ", " + ERROR_COUNT_HEADER);
        applyHeaders();
        response.setTrailersSupplier(() -> {
            HttpFields.Mutable trailers = HttpFields.build()
                    .put(EXIT_CODE_HEADER, Integer.toString(exitCode))
                    .put(RESULT_HEADER, resultWord(exitCode));
            errorCount.ifPresent(count -> trailers.put(ERROR_COUNT_HEADER, Long.toString(count)));
            return trailers;
        });
        committed = true;
        stream = Content.Sink.asOutputStream(response);
        buffer.writeTo(stream);
        buffer = null;
    }

    private synchronized void flushStream() throws IOException {
        if (committed && !completed && stream != null) {
            stream.flush();
        }
    }

    /** Returns {@code ok} for a run that went to the end (exit 0, or 3 for row issues), else {@code error}. */
    private static String resultWord(int code) {
        return code == ExitCodes.OK || code == ExitCodes.ROW_ISSUES ? "ok" : "error";
    }

    private void applyHeaders() {
        response.setStatus(status);
        HttpFields.Mutable fields = response.getHeaders();
        headers.forEach(fields::put);
    }

    /** The stream handed to the service; closing it is left to the server. */
    private final class ChannelOutput extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            ResponseChannel.this.write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            ResponseChannel.this.write(bytes, offset, length);
        }

        @Override
        public void flush() throws IOException {
            flushStream();
        }
    }
}
