package io.github.itopdata.http;

import java.io.OutputStream;

/**
 * The response a service writes. Status and headers may change until the response is
 * committed, which happens when the output outgrows the server's response buffer or the
 * service returns.
 */
public interface ServiceResponse {

    /** Sets the HTTP status (200 by default). */
    void setStatus(int status);

    /** Sets the {@code Content-Type} header. */
    void setContentType(String contentType);

    /** Sets a header, replacing any value it had. */
    void setHeader(String name, String value);

    /** Returns whether status and headers were already sent. */
    boolean isCommitted();

    /** Returns the body stream; the server closes it when the service returns. */
    OutputStream output();
}
