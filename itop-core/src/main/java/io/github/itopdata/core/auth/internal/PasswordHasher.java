package io.github.itopdata.core.auth.internal;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * Hashes and verifies passwords with Argon2id (Spring Security's encoder on Bouncy Castle).
 *
 * <p>The stored form is the standard {@code $argon2id$v=19$m=...,t=...,p=...$salt$hash} string,
 * which carries its own salt and cost parameters, so hashes made with other costs keep
 * verifying after the defaults change.
 */
public final class PasswordHasher {

    private final Argon2PasswordEncoder encoder = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
    private volatile String decoyHash;

    /** Returns the salted hash of the password, to store in place of the password. */
    public String hash(String password) {
        return encoder.encode(password);
    }

    /** Returns whether the password matches the stored hash. */
    public boolean matches(String password, String storedHash) {
        return encoder.matches(password, storedHash);
    }

    /**
     * Spends the time of one verification without any stored hash, so that a login that does
     * not exist takes as long to reject as a wrong password.
     */
    public void verifyDecoy(String password) {
        String hash = decoyHash;
        if (hash == null) {
            hash = encoder.encode("decoy password");
            decoyHash = hash;
        }
        encoder.matches(password, hash);
    }
}
