package io.github.itopdata.http.internal;

import io.github.itopdata.core.db.Database;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The unauthenticated health page: {@code {"status":"RUNNING","code":0,"message":""}} with
 * HTTP 200 when a query on the database succeeds, otherwise HTTP 500 with
 * {@code {"status":"ERROR","code":100,"message":"<reason>"}}.
 */
final class StatusPage {

    static final String PATH = "/webservices/status.php";

    private static final Logger LOG = LoggerFactory.getLogger(StatusPage.class);

    private final Database database;

    StatusPage(Database database) {
        this.database = database;
    }

    void handle(Response response, Callback callback) {
        String body;
        try {
            database.jdbi().withHandle(handle -> handle.createQuery("SELECT 1").mapTo(Integer.class).one());
            response.setStatus(200);
            body = "{\"status\":\"RUNNING\",\"code\":0,\"message\":\"\"}";
        } catch (RuntimeException e) {
            LOG.warn("Health check failed: the database did not answer: {}", e.toString());
            response.setStatus(500);
            body = "{\"status\":\"ERROR\",\"code\":100,\"message\":\"" + jsonEscape("Database unavailable: "
                    + e.getMessage()) + "\"}";
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put("Access-Control-Allow-Origin", "*");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache, no-store, must-revalidate");
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
        response.write(true, ByteBuffer.wrap(bytes), callback);
    }

    static String jsonEscape(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> escaped.append("\\\"");
                case '\\' -> escaped.append("\\\\");
                case '\n' -> escaped.append("\\n");
                case '\r' -> escaped.append("\\r");
                case '\t' -> escaped.append("\\t");
                default -> {
                    if (c < 0x20) {
                        escaped.append(String.format("\\u%04x", (int) c));
                    } else {
                        escaped.append(c);
                    }
                }
            }
        }
        return escaped.toString();
    }
}
