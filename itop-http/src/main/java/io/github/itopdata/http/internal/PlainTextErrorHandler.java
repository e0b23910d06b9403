package io.github.itopdata.http.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Writes the errors that Jetty produces itself (headers too large, malformed requests, requests
 * rejected by the concurrency limit) as one plain-text line, as the services do, in place of
 * Jetty's HTML page.
 */
final class PlainTextErrorHandler extends ErrorHandler {

    private final int maxHeaderBytes;

    PlainTextErrorHandler(int maxHeaderBytes) {
        this.maxHeaderBytes = maxHeaderBytes;
    }

    /** Sends the message line whatever the method, so that a rejected PUT also learns why. */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
            Callback callback) {
        byte[] body = (lineFor(code, message) + "\n").getBytes(StandardCharsets.UTF_8);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        return ByteBuffer.wrap((lineFor(status, reason) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private String lineFor(int code, String message) {
        if (code == HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE_431) {
            return "Request headers too large (limit " + maxHeaderBytes + " bytes)";
        }
        if (message == null || message.isBlank()) {
            return code + " " + HttpStatus.getMessage(code);
        }
        return message;
    }
}
