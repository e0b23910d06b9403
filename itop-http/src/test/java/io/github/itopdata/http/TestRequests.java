package io.github.itopdata.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Builds requests for the server under test and sends them with the JDK's HTTP client. */
final class TestRequests {

    static final String BOUNDARY = "test-boundary-7f3a";

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI base;

    TestRequests(URI base) {
        this.base = base;
    }

    HttpRequest.Builder to(String pathAndQuery) {
        return HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(Duration.ofSeconds(60));
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return send(to(pathAndQuery).GET());
    }

    HttpResponse<String> postForm(String path, Map<String, String> fields) throws IOException, InterruptedException {
        return send(to(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields))));
    }

    static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    static Map<String, String> fields(String... namesAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return map;
    }

    static String basic(String login, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((login + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Builds a multipart body; a part whose file name is not null is sent as a file. */
    static final class Multipart {
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();

        Multipart field(String name, String value) {
            return part(name, null, value.getBytes(StandardCharsets.UTF_8));
        }

        Multipart file(String name, String fileName, byte[] content) {
            return part(name, fileName, content);
        }

        private Multipart part(String name, String fileName, byte[] content) {
            String disposition = "Content-Disposition: form-data; name=\"" + name + "\""
                    + (fileName == null ? "" : "; filename=\"" + fileName + "\"");
            String head = "--" + BOUNDARY + "\r\n" + disposition + "\r\n"
                    + (fileName == null ? "" : "Content-Type: text/csv\r\n") + "\r\n";
            body.writeBytes(head.getBytes(StandardCharsets.UTF_8));
            body.writeBytes(content);
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
            return this;
        }

        byte[] build() {
            ByteArrayOutputStream complete = new ByteArrayOutputStream();
            complete.writeBytes(body.toByteArray());
            complete.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
            return complete.toByteArray();
        }

        static String contentType() {
            return "multipart/form-data; boundary=" + BOUNDARY;
        }
    }
}
