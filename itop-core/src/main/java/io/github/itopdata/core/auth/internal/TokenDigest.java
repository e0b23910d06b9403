package io.github.itopdata.core.auth.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Makes API tokens and the digests stored in their place.
 *
 * <p>A token carries 256 random bits, so a fast unsalted SHA-256 digest is enough to make the
 * stored value useless to a reader of the table, and it lets a token be found by its digest.
 */
public final class TokenDigest {

    /** Prefix of every token, so that a leaked token is easy to recognize in logs and scanners. */
    public static final String PREFIX = "itop_";

    private static final SecureRandom RANDOM = new SecureRandom();

    private TokenDigest() {
    }

    /** Returns a new random token. */
    public static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Returns the lower-case hexadecimal SHA-256 digest of the token. */
    public static String sha256(String token) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
