package io.mooring.registry.service;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keys and encryption of stored idempotent answers. For a caller and an Idempotency-Key it derives, with a
 * server secret, a lookup id (stored) and an AES-256-GCM key (never stored): reading a stored answer takes
 * the database, the server secret and the caller's own key.
 */
public final class IdempotencyCipher {

    /** An encrypted answer: a fresh 96-bit nonce and the ciphertext with its GCM tag. */
    public record Sealed(byte[] nonce, byte[] body) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] secret;

    public IdempotencyCipher(byte[] secret) {
        this.secret = secret.clone();
    }

    /** The id a record is stored under for this caller and key. */
    public String lookupId(String caller, String idempotencyKey) {
        return HexFormat.of().formatHex(hmac("lookup", caller, idempotencyKey));
    }

    public Sealed seal(String caller, String idempotencyKey, String plain) {
        try {
            byte[] nonce = new byte[12];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(hmac("encrypt", caller, idempotencyKey), "AES"),
                    new GCMParameterSpec(128, nonce));
            return new Sealed(nonce, cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The stored answer, or empty when it cannot be decrypted (the server secret changed since). */
    public Optional<String> open(String caller, String idempotencyKey, byte[] nonce, byte[] body) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(hmac("encrypt", caller, idempotencyKey), "AES"),
                    new GCMParameterSpec(128, nonce));
            return Optional.of(new String(cipher.doFinal(body), StandardCharsets.UTF_8));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private byte[] hmac(String purpose, String caller, String idempotencyKey) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update(purpose.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            mac.update(caller.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return mac.doFinal(idempotencyKey.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
