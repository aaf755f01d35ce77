package io.mooring.registry.service;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals an import token with the handle of its manifest URL. The URL (which gateway access logs, shell histories
 * and chat messages keep) carries the handle only; the manifest it serves needs the token, which the registry
 * otherwise keeps only as a hash. The AES-256-GCM key is derived from the handle, which is itself stored hashed,
 * so reading the token back takes the URL: the database alone is not enough.
 */
public final class ManifestHandles {

    /** A token sealed for storage: a fresh 96-bit nonce and the ciphertext with its tag. */
    public record Sealed(byte[] nonce, byte[] body) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private ManifestHandles() {
    }

    public static Sealed seal(String handle, String token) {
        try {
            byte[] nonce = new byte[12];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key(handle), new GCMParameterSpec(128, nonce));
            return new Sealed(nonce, cipher.doFinal(token.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The token, or empty when {@code handle} does not open the seal. */
    public static Optional<String> open(String handle, byte[] nonce, byte[] body) {
        if (nonce == null || body == null) {
            return Optional.empty();
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key(handle), new GCMParameterSpec(128, nonce));
            return Optional.of(new String(cipher.doFinal(body), StandardCharsets.UTF_8));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static SecretKeySpec key(String handle) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(handle.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return new SecretKeySpec(mac.doFinal("mooring-import-token-seal-v1".getBytes(StandardCharsets.UTF_8)), "AES");
    }
}
