package io.github.itopdata.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** Sends hand-made requests over a plain socket, for what an HTTP client library will not send. */
final class RawHttp {

    private RawHttp() {
    }

    /** Sends the bytes and returns everything the server sends until it closes or goes quiet. */
    static String exchange(int port, byte[] request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            return readAll(socket.getInputStream());
        }
    }

    /** Sends the headers and part of the body, then closes the connection without the rest. */
    static void sendPartially(int port, String headers, byte[] partialBody) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(headers.getBytes(StandardCharsets.ISO_8859_1));
            out.write(partialBody);
            out.flush();
        }
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                received.write(buffer, 0, read);
            }
        } catch (SocketTimeoutException | java.net.SocketException e) {
            // The response received so far is what the test inspects.
        }
        return received.toString(StandardCharsets.ISO_8859_1);
    }
}
