package io.github.itopdata.http;

import io.github.itopdata.core.auth.ServiceRight;
import io.github.itopdata.core.service.ServiceResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A test service that waits until the test releases it, to hold a request in flight. */
final class BlockingService implements HttpService {

    static final String PATH = "/test/blocking.php";

    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

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
        entered.countDown();
        try {
            if (!release.await(60, TimeUnit.SECONDS)) {
                throw new IOException("The test never released the blocking service");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while blocked", e);
        }
        call.response().setContentType("text/plain; charset=utf-8");
        call.response().output().write("released\n".getBytes(StandardCharsets.UTF_8));
        return ServiceResult.of(0);
    }

    static ServiceRight right() {
        return ServiceRight.EXPORT;
    }
}
