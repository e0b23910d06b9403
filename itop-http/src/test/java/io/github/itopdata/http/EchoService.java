package io.github.itopdata.http;

import io.github.itopdata.core.auth.RightsChecker;
import io.github.itopdata.core.auth.ServiceRight;
import io.github.itopdata.core.service.ServiceResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test service that reports what the server handed it: the user, then one line per
 * parameter with its size, whether it was spooled to a file, and its SHA-256 digest (or its text
 * when short). It requires one right, checked like a real service would, and exits 255 without
 * it.
 */
final class EchoService implements HttpService {

    private final List<String> paths;
    private final LoginFailureStyle style;
    private final ServiceRight right;
    final AtomicInteger calls = new AtomicInteger();

    EchoService(String path, LoginFailureStyle style, ServiceRight right) {
        this.paths = List.of(path);
        this.style = style;
        this.right = right;
    }

    @Override
    public List<String> paths() {
        return paths;
    }

    @Override
    public LoginFailureStyle loginFailureStyle() {
        return style;
    }

    @Override
    public ServiceResult run(ServiceCall call) throws IOException {
        calls.incrementAndGet();
        call.response().setContentType("text/plain; charset=utf-8");
        PrintStream out = new PrintStream(call.response().output(), false, StandardCharsets.UTF_8);
        if (!RightsChecker.allows(call.user(), right)) {
            out.print("#Not allowed: " + right + " for " + call.user().login() + "\n");
            out.flush();
            return ServiceResult.of(255);
        }
        out.print("user=" + call.user().login() + "\n");
        for (String name : new TreeSet<>(call.parameters().names())) {
            RequestValue value = call.parameters().value(name).orElseThrow();
            out.print(name + "=" + describe(value) + "\n");
        }
        out.flush();
        return ServiceResult.of(0);
    }

    static String describe(RequestValue value) throws IOException {
        if (value.size() <= 64 && value.file().isEmpty()) {
            return "text:" + value.text();
        }
        return (value.file().isPresent() ? "file:" : "memory:") + value.size() + ":" + sha256(value);
    }

    private static String sha256(RequestValue value) throws IOException {
        try (InputStream in = new DigestInputStream(value.openStream(), MessageDigest.getInstance("SHA-256"))) {
            byte[] buffer = new byte[64 * 1024];
            while (in.read(buffer) >= 0) {
                // Reading is all that is needed: the digest stream hashes every byte.
            }
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
