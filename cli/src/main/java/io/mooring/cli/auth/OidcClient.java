package io.mooring.cli.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mooring.cli.CliException;
import io.mooring.cli.ExitCodes;
import io.mooring.cli.http.Problems;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * Sign-in against any OpenID Connect provider: its endpoints by discovery, the OAuth 2.0 device authorization
 * grant (RFC 8628; a terminal has no browser to redirect to), the refresh grant, and revocation (RFC 7009) when
 * signing out.
 */
public final class OidcClient {

    /** Waits between polls; tests pass one that returns at once. */
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /** Where to ask; {@code deviceAuthorization} and {@code revocation} are null when the provider offers none. */
    public record Endpoints(URI deviceAuthorization, URI token, URI revocation) {
    }

    /**
     * What the user must do: open the URI and enter the code. {@code codeVerifier} is the PKCE secret the polls
     * prove the sign-in was started here with; it is never shown.
     */
    public record DeviceCode(String deviceCode, String userCode, String verificationUri, String verificationUriComplete,
            Duration expiresIn, Duration interval, String codeVerifier) {
    }

    public record Tokens(String accessToken, String refreshToken, Long expiresAt) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";
    /** RFC 8628 3.5: without an interval, poll every 5 s; slow_down adds 5 s. */
    private static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);
    private static final Duration SLOW_DOWN = Duration.ofSeconds(5);

    private final HttpClient http;
    private final Clock clock;
    private final Sleeper sleeper;

    public OidcClient(HttpClient http, Clock clock, Sleeper sleeper) {
        this.http = http;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    public Endpoints discover(String issuer) {
        URI discovery = URI.create(issuer.replaceAll("/+$", "") + "/.well-known/openid-configuration");
        JsonNode document = get(discovery);
        String token = document.path("token_endpoint").asText(null);
        String device = document.path("device_authorization_endpoint").asText(null);
        String revocation = document.path("revocation_endpoint").asText(null);
        if (token == null) {
            throw new CliException(ExitCodes.USAGE, issuer + " publishes no token_endpoint: is it an issuer URL?");
        }
        return new Endpoints(device == null ? null : URI.create(device), URI.create(token),
                revocation == null ? null : URI.create(revocation));
    }

    public DeviceCode startDeviceSignIn(Endpoints endpoints, String clientId, String scope) {
        if (endpoints.deviceAuthorization() == null) {
            throw new CliException(ExitCodes.USAGE, "the provider offers no device sign-in"
                    + " (no device_authorization_endpoint): sign in elsewhere and use mooring login --token");
        }
        // PKCE (RFC 7636, S256) on the device grant too: a provider that requires it of the client (Keycloak with
        // the console's PKCE setting) refuses a device request without it, and one that does not ignores it.
        String verifier = randomVerifier();
        HttpResponse<String> answer = post(endpoints.deviceAuthorization(),
                "client_id", clientId, "scope", scope, "code_challenge", s256(verifier),
                "code_challenge_method", "S256");
        if (answer.statusCode() != 200) {
            throw oauthFailure(answer, "the provider refused to start a device sign-in");
        }
        JsonNode body = read(answer.body());
        return new DeviceCode(body.path("device_code").asText(), body.path("user_code").asText(),
                body.path("verification_uri").asText(), body.path("verification_uri_complete").asText(null),
                Duration.ofSeconds(body.path("expires_in").asLong(600)),
                body.hasNonNull("interval") ? Duration.ofSeconds(body.path("interval").asLong()) : DEFAULT_INTERVAL,
                verifier);
    }

    /** Polls the token endpoint until the user approves, denies, or the code expires. */
    public Tokens awaitDeviceApproval(Endpoints endpoints, String clientId, DeviceCode code) {
        Instant deadline = clock.instant().plus(code.expiresIn());
        Duration interval = code.interval();
        while (true) {
            if (!clock.instant().isBefore(deadline)) {
                throw new CliException(ExitCodes.DENIED, "the sign-in code expired before it was used: run mooring login again");
            }
            try {
                sleeper.sleep(interval);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CliException(ExitCodes.DENIED, "sign-in interrupted", e);
            }
            HttpResponse<String> answer = post(endpoints.token(),
                    "grant_type", DEVICE_GRANT, "device_code", code.deviceCode(), "client_id", clientId,
                    "code_verifier", code.codeVerifier());
            if (answer.statusCode() == 200) {
                return tokens(answer.body());
            }
            String error = read(answer.body()).path("error").asText("");
            switch (error) {
                case "authorization_pending" -> {
                }
                case "slow_down" -> interval = interval.plus(SLOW_DOWN);
                case "access_denied" -> throw new CliException(ExitCodes.DENIED, "the sign-in was denied");
                case "expired_token" -> throw new CliException(ExitCodes.DENIED,
                        "the sign-in code expired before it was used: run mooring login again");
                default -> throw oauthFailure(answer, "the sign-in failed");
            }
        }
    }

    public Tokens refresh(Endpoints endpoints, String clientId, String refreshToken) {
        HttpResponse<String> answer = post(endpoints.token(),
                "grant_type", "refresh_token", "refresh_token", refreshToken, "client_id", clientId);
        if (answer.statusCode() != 200) {
            throw new CliException(ExitCodes.DENIED, "the sign-in expired and could not be renewed ("
                    + read(answer.body()).path("error").asText("HTTP " + answer.statusCode()) + "): run mooring login");
        }
        Tokens fresh = tokens(answer.body());
        // A provider may keep the refresh token unchanged and leave it out of the answer.
        return fresh.refreshToken() == null ? new Tokens(fresh.accessToken(), refreshToken, fresh.expiresAt()) : fresh;
    }

    /**
     * Asks the provider to forget a refresh token (and the sign-in it keeps alive), so that a copy of the config
     * file made before signing out renews nothing. False when the provider offers no revocation or refused.
     */
    public boolean revoke(Endpoints endpoints, String clientId, String refreshToken) {
        if (endpoints.revocation() == null) {
            return false;
        }
        HttpResponse<String> answer = post(endpoints.revocation(),
                "token", refreshToken, "token_type_hint", "refresh_token", "client_id", clientId);
        // RFC 7009 2.2: 200 also for a token that was no longer valid; that is forgotten as well.
        return answer.statusCode() == 200;
    }

    private Tokens tokens(String body) {
        JsonNode json = read(body);
        Long expiresAt = json.hasNonNull("expires_in")
                ? clock.instant().getEpochSecond() + json.path("expires_in").asLong() : JwtExpiry.of(json.path("access_token").asText());
        return new Tokens(json.path("access_token").asText(), json.path("refresh_token").asText(null), expiresAt);
    }

    private CliException oauthFailure(HttpResponse<String> answer, String what) {
        JsonNode body = read(answer.body());
        String reason = body.path("error_description").asText(body.path("error").asText("HTTP " + answer.statusCode()));
        return new CliException(answer.statusCode() >= 500 ? ExitCodes.UNAVAILABLE : ExitCodes.DENIED,
                what + ": " + reason);
    }

    private JsonNode get(URI uri) {
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new CliException(answer.statusCode() >= 500 ? ExitCodes.UNAVAILABLE : ExitCodes.USAGE,
                        "no OpenID Connect discovery document at " + uri + " (HTTP " + answer.statusCode() + ")");
            }
            return read(answer.body());
        } catch (IOException e) {
            throw Problems.unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Problems.unreachable(e);
        }
    }

    /** A form post; {@code form} is name, value, name, value... in the order sent. */
    private HttpResponse<String> post(URI uri, String... form) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < form.length; i += 2) {
            body.append(i == 0 ? "" : "&").append(enc(form[i])).append('=').append(enc(form[i + 1]));
        }
        try {
            return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw Problems.unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Problems.unreachable(e);
        }
    }

    /** 32 random bytes, base64url: a 43-character verifier (RFC 7636 4.1). */
    private static String randomVerifier() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static JsonNode read(String body) {
        try {
            return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }
}
