package org.attune.core.security;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.spec.InvalidKeySpecException;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Password hashes: PBKDF2 with HMAC-SHA-256 from the JDK, a random 16-byte salt per
 * password and {@value #ITERATIONS} iterations, the work factor that OWASP's Password
 * Storage Cheat Sheet has recommended for PBKDF2-HMAC-SHA256 since 2023 (its 210,000 is
 * the figure for HMAC-SHA-512). One check costs about 150 ms of one core on the project's
 * 2-core machine.
 *
 * <p>A hash is one self-describing string, {@code pbkdf2-sha256$600000$<salt>$<hash>},
 * salt and hash in base64 without padding. A stored hash is always checked with the
 * iteration count written in it, so a later Attune can raise {@link #ITERATIONS} without
 * locking anyone out. Thread-safe.
 */
final class PasswordHashing {
    /** The first part of every hash: the function and its inner hash. */
    static final String SCHEME = "pbkdf2-sha256";
    /** Iterations of new hashes. */
    static final int ITERATIONS = 600_000;
    static final int SALT_BYTES = 16;
    /** The derived key's length: the output size of SHA-256, more would only cost the defender. */
    static final int HASH_BYTES = 32;

    private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getDecoder();

    private final SecureRandom random = new SecureRandom();

    /** A new hash of {@code password} with a fresh salt. The caller keeps (and may clear) the array. */
    String hash(char[] password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return encode(ITERATIONS, salt, derive(password, salt, ITERATIONS, HASH_BYTES));
    }

    /**
     * Whether {@code password} is the one {@code stored} was made from. Takes the full
     * hashing time whatever the answer, and compares in constant time.
     *
     * @throws IllegalStateException when {@code stored} is not a hash of this form
     */
    boolean matches(char[] password, String stored) {
        String[] parts = stored.split("\\$", -1);
        if (parts.length != 4 || !parts[0].equals(SCHEME)) {
            throw new IllegalStateException("a stored password hash is not of the form " + SCHEME
                    + "$<iterations>$<salt>$<hash>");
        }
        int iterations = Integer.parseInt(parts[1]);
        byte[] salt = DECODER.decode(parts[2]);
        byte[] expected = DECODER.decode(parts[3]);
        return MessageDigest.isEqual(derive(password, salt, iterations, expected.length), expected);
    }

    /**
     * A well-formed hash with today's cost that no password matches (its hash is all zero
     * bytes, which a password would hit with odds of 2^-256). Checking a password against it
     * takes as long as against a real hash, so that an unknown name cannot be told from a
     * wrong password by the time the answer takes.
     */
    static String decoy() {
        return encode(ITERATIONS, new byte[SALT_BYTES], new byte[HASH_BYTES]);
    }

    private static String encode(int iterations, byte[] salt, byte[] hash) {
        return SCHEME + "$" + iterations + "$" + ENCODER.encodeToString(salt) + "$" + ENCODER.encodeToString(hash);
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations, int bytes) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, bytes * 8);
        try {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
            throw new IllegalStateException(ALGORITHM + " is required of every Java platform", e);
        } finally {
            spec.clearPassword();
        }
    }
}
