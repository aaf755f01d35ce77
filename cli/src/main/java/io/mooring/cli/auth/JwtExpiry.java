package io.mooring.cli.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A JWT's {@code exp}, read without verifying the signature: only to know when to renew, never to trust the
 * token (the services verify it).
 */
public final class JwtExpiry {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JwtExpiry() {
    }

    /** Epoch seconds, or null when the token is not a JWT or has no {@code exp}. */
    public static Long of(String token) {
        if (token == null) {
            return null;
        }
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            return null;
        }
        try {
            JsonNode claims = JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
            return claims.hasNonNull("exp") ? claims.path("exp").asLong() : null;
        } catch (Exception notAJwt) {
            return null;
        }
    }
}
