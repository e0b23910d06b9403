package io.github.itopdata.core.cron;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * An SMTP server on loopback that accepts the session and the sender, then rejects every
 * recipient with {@code 550 5.1.1}, as a server does for an unknown mailbox.
 */
final class RejectingSmtpServer implements AutoCloseable {

    private final ServerSocket socket;
    private final Thread thread;

    RejectingSmtpServer() throws IOException {
        socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        thread = new Thread(this::serve, "rejecting-smtp");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket client = socket.accept()) {
                converse(client);
            } catch (IOException e) {
                // The socket was closed by close(), or the client hung up: wait for the next one.
            }
        }
    }

    private static void converse(Socket client) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
        Writer out = new OutputStreamWriter(client.getOutputStream(), StandardCharsets.US_ASCII);
        reply(out, "220 reject.test ESMTP");
        String line;
        while ((line = in.readLine()) != null) {
            String command = line.toUpperCase(Locale.ROOT);
            if (command.startsWith("EHLO") || command.startsWith("HELO")) {
                reply(out, "250 reject.test");
            } else if (command.startsWith("MAIL FROM")) {
                reply(out, "250 2.1.0 Ok");
            } else if (command.startsWith("RCPT TO")) {
                reply(out, "550 5.1.1 Mailbox unavailable");
            } else if (command.startsWith("QUIT")) {
                reply(out, "221 2.0.0 Bye");
                return;
            } else {
                reply(out, "250 Ok");
            }
        }
    }

    private static void reply(Writer out, String text) throws IOException {
        out.write(text + "\r\n");
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
