package org.attune.core.outcome;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues and reads the recId of an answer. A recId carries the answer's time and the key of
 * its {@link AnswerDimensions}, so an event naming it is attributed without looking the
 * answer up, and a keyed hash (HMAC-SHA256 with this installation's secret, 48 bits kept),
 * so that a recId nobody issued reads as bad rather than as someone else's answer.
 * 25 bytes in URL-safe Base64: 34 characters. Thread-safe.
 */
public final class RecIds {
    static final int LENGTH = 34;
    private static final byte VERSION = 1;
    private static final int BYTES = 25;
    private static final int SIGNED_BYTES = 19;
    private static final int MAC_BYTES = BYTES - SIGNED_BYTES;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    /**
     * A recId read back.
     *
     * @param at when the answer was given, epoch milliseconds
     * @param dimensions the key of the answer's {@link AnswerDimensions}
     */
    public record Issued(long at, long dimensions) {
    }

    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs;

    public RecIds(byte[] secret) {
        if (secret.length < 16) {
            throw new IllegalArgumentException("a recId secret needs at least 16 bytes");
        }
        key = new SecretKeySpec(secret.clone(), "HmacSHA256");
        macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(key);
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
            }
        });
    }

    /** The installation's secret from {@code file}, made (32 random bytes, owner-only) when missing. */
    public static RecIds load(Path file) throws IOException {
        if (!Files.exists(file)) {
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(temp, secret);
            try {
                Files.setPosixFilePermissions(temp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the data directory's own permissions protect it
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        }
        return new RecIds(Files.readAllBytes(file));
    }

    /** A new recId for an answer given at {@code at} with dimensions {@code dimensions}. */
    public String issue(long at, long dimensions) {
        ByteBuffer bytes = ByteBuffer.allocate(BYTES);
        bytes.put(VERSION);
        bytes.putShort((short) (at >>> 32)).putInt((int) at);
        bytes.putLong(dimensions);
        bytes.putInt(ThreadLocalRandom.current().nextInt());
        Mac mac = macs.get();
        mac.update(bytes.array(), 0, SIGNED_BYTES);
        byte[] signature = mac.doFinal();
        bytes.put(signature, 0, MAC_BYTES);
        return ENCODER.encodeToString(bytes.array());
    }

    /** What {@code recId} says, or null when it is not one this installation issued. */
    public Issued read(String recId) {
        if (recId == null || recId.length() != LENGTH) {
            return null;
        }
        byte[] bytes;
        try {
            bytes = DECODER.decode(recId);
        } catch (IllegalArgumentException e) {
            return null;
        }
        // The last character carries 4 unused bits: only the one encoding issued is the recId.
        if (bytes.length != BYTES || bytes[0] != VERSION || !ENCODER.encodeToString(bytes).equals(recId)) {
            return null;
        }
        Mac mac = macs.get();
        mac.update(bytes, 0, SIGNED_BYTES);
        byte[] signature = mac.doFinal();
        int difference = 0;
        for (int i = 0; i < MAC_BYTES; i++) {
            difference |= signature[i] ^ bytes[SIGNED_BYTES + i];
        }
        if (difference != 0) {
            return null;
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes, 1, SIGNED_BYTES - 1);
        long at = ((long) (buffer.getShort() & 0xffff) << 32) | (buffer.getInt() & 0xffffffffL);
        return new Issued(at, buffer.getLong());
    }
}
