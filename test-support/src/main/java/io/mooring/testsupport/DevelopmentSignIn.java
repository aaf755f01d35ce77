package io.mooring.testsupport;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The authorization-code half of the local stack's development sign-in (RFC 6749 section 4.1 with PKCE, RFC 7636):
 * codes for a chosen role and projects, each redeemable once, within a minute, by the same client and redirect URI,
 * with the verifier whose S256 challenge came with the authorization request. No password: it is for a developer's
 * own machine only, and a real provider (Keycloak, Entra ID) replaces it anywhere else.
 */
public final class DevelopmentSignIn {

    static final Duration CODE_LIFETIME = Duration.ofMinutes(1);

    /** What an authorization request asked for, and who the developer chose to be. */
    public record Grant(String clientId, String redirectUri, String codeChallenge, String role, List<String> projects,
            Instant expiresAt) {
    }

    private final List<String> redirectUriPrefixes;
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    /** Redirect URIs must start with one of these (the console's origin): a code never leaves for elsewhere. */
    public DevelopmentSignIn(List<String> redirectUriPrefixes) {
        this.redirectUriPrefixes = List.copyOf(redirectUriPrefixes);
    }

    public boolean allowsRedirectTo(String redirectUri) {
        return redirectUri != null && redirectUriPrefixes.stream().anyMatch(redirectUri::startsWith);
    }

    /** A fresh single-use code for {@code grant}; the request must have been checked ({@link #allowsRedirectTo}). */
    public String issue(Grant grant) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String code = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        codes.put(code, grant);
        return code;
    }

    /**
     * The grant of {@code code} when the token request matches it: same client, same redirect URI, a verifier whose
     * S256 hash is the challenge, not expired. The code is spent whatever the outcome, as RFC 6749 asks of a code
     * that was tried.
     */
    public Optional<Grant> redeem(String code, String clientId, String redirectUri, String codeVerifier, Instant now) {
        Grant grant = code == null ? null : codes.remove(code);
        if (grant == null || codeVerifier == null || now.isAfter(grant.expiresAt())
                || !grant.clientId().equals(clientId) || !grant.redirectUri().equals(redirectUri)
                || !MessageDigest.isEqual(s256(codeVerifier).getBytes(StandardCharsets.US_ASCII),
                        grant.codeChallenge().getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        return Optional.of(grant);
    }

    /** The S256 code challenge of a verifier: BASE64URL(SHA-256(ASCII(verifier))), without padding. */
    public static String s256(String codeVerifier) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(codeVerifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
