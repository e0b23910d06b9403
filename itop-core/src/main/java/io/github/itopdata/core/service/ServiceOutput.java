package io.github.itopdata.core.service;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Where a service writes its result: standard output on the CLI, the response on HTTP.
 *
 * <p>The HTTP-only settings (status, content type, headers) take effect only if they are made
 * before the first byte of the body is written; the CLI ignores them. A service sets them
 * first, then writes the body.
 */
public interface ServiceOutput {

    /** Sets the HTTP status; the default is 200. */
    void status(int status);

    /** Sets the HTTP content type, such as {@code text/plain; charset=utf-8}. */
    void contentType(String contentType);

    /** Sets an HTTP response header, such as {@code Content-Disposition}. */
    void header(String name, String value);

    /** Returns the stream of the body; the service does not close it. */
    OutputStream body() throws IOException;

    /** Writes to an output stream and ignores the HTTP-only settings: the CLI's and the API's output. */
    static ServiceOutput of(OutputStream stream) {
        return new ServiceOutput() {
            @Override
            public void status(int status) {
            }

            @Override
            public void contentType(String contentType) {
            }

            @Override
            public void header(String name, String value) {
            }

            @Override
            public OutputStream body() {
                return stream;
            }
        };
    }
}
