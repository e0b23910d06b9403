package io.github.itopdata.http;

import io.github.itopdata.core.service.ServiceResult;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A test service that writes the number of lines given by the parameter {@code lines}. With
 * {@code memory=exhausted} it throws the error the JVM throws when the heap is full, after its
 * lines: exhausting the heap of the test JVM itself could fail other threads.
 */
final class StreamingService implements HttpService {

    static final String PATH = "/test/stream.php";

    @Override
    public List<String> paths() {
        return List.of(PATH);
    }

    @Override
    public LoginFailureStyle loginFailureStyle() {
        return LoginFailureStyle.RETURN_LINE;
    }

    @Override
    public ServiceResult run(ServiceCall call) throws IOException {
        int lines = Integer.parseInt(call.parameters().text("lines").orElse("1"));
        call.response().setContentType("text/plain; charset=utf-8");
        OutputStream out = call.response().output();
        for (int i = 0; i < lines; i++) {
            out.write(("line " + i + " of the streamed report\n").getBytes(StandardCharsets.UTF_8));
        }
        if (call.parameters().text("memory").orElse("").equals("exhausted")) {
            throw new OutOfMemoryError("Java heap space");
        }
        return ServiceResult.of(0, 5);
    }
}
