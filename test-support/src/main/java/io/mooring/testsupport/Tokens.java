package io.mooring.testsupport;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import jakarta.json.Json;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Mints the bearer tokens of Mooring's users and agents, signed with the {@link KeyMaterial} keys: user tokens as
 * the identity provider at {@code userIssuer} would issue them, agent tokens as the registry does.
 */
public final class Tokens {

    public static final String VIEWER = "mooring-viewer";
    public static final String OPERATOR = "mooring-operator";
    public static final String ADMIN = "mooring-admin";
    public static final String AGENT = "mooring-agent";

    private final KeyMaterial keys;
    private final String userIssuer;
    private final String userKeyId;

    public Tokens(KeyMaterial keys, String userIssuer) {
        this(keys, userIssuer, KeyMaterial.USER_KEY_ID);
    }

    /** Tokens of the provider at {@code userIssuer}, signed with {@code keys}' user key under key id {@code userKeyId}. */
    public Tokens(KeyMaterial keys, String userIssuer, String userKeyId) {
        this.keys = keys;
        this.userIssuer = userIssuer;
        this.userKeyId = userKeyId;
    }

    /** Tokens of the JVM's test identity provider ({@link OidcIssuer#shared()}), which the test services trust. */
    public static Tokens shared() {
        return new Tokens(KeyMaterial.shared(), OidcIssuer.shared().issuer());
    }

    /**
     * A user token with exactly these claims besides issuer, audience, subject and expiry: for providers that
     * carry roles and projects in other claims than Mooring's defaults (Entra ID's {@code roles}, Keycloak's
     * {@code realm_access}).
     */
    public String userWithClaims(String name, Map<String, Object> claims) {
        JwtClaimsBuilder builder = Jwt.issuer(userIssuer).subject(name).audience(KeyMaterial.AUDIENCE)
                .expiresIn(Duration.ofHours(1));
        claims.forEach(builder::claim);
        return builder.jws().keyId(userKeyId).sign(keys.userSigningKey());
    }

    /** A token signed with the trusted provider's key, but naming another issuer. */
    public String fromAnotherIssuer(String issuer, String role, String... projects) {
        return Jwt.issuer(issuer)
                .subject("ivan-other-issuer")
                .audience(KeyMaterial.AUDIENCE)
                .groups(Set.of(role))
                .claim("projects", List.of(projects))
                .expiresIn(Duration.ofHours(1))
                .jws().keyId(userKeyId)
                .sign(keys.userSigningKey());
    }

    /** A user token: {@code role} is one of the mooring roles, {@code projects} the projects the user may see. */
    public String user(String name, String role, String... projects) {
        return Jwt.issuer(userIssuer)
                .subject(name)
                .audience(KeyMaterial.AUDIENCE)
                .upn(name)
                .groups(Set.of(role))
                .claim("projects", List.of(projects))
                .expiresIn(Duration.ofHours(12))
                .jws().keyId(userKeyId)
                .sign(keys.userSigningKey());
    }

    public String viewer(String... projects) {
        return user("vera-viewer", VIEWER, projects);
    }

    public String operator(String... projects) {
        return user("otto-operator", OPERATOR, projects);
    }

    public String admin() {
        return user("ada-admin", ADMIN);
    }

    /** An agent token as the registry issues it: subject is the cluster id. */
    public String agent(UUID clusterId) {
        return Jwt.issuer(KeyMaterial.AGENT_ISSUER)
                .subject(clusterId.toString())
                .audience(KeyMaterial.AUDIENCE)
                .groups(Set.of(AGENT))
                .expiresIn(Duration.ofMinutes(15))
                .jws().keyId(KeyMaterial.AGENT_KEY_ID)
                .sign(keys.agentSigningKey());
    }

    /**
     * {@link #user}'s token, with every claim it has, but expiring {@code lifetime} from now: for tests of what
     * happens when a token runs out while in use. Copied rather than built again, so it never lacks a claim
     * {@code user} gains.
     */
    public String userExpiringIn(Duration lifetime, String name, String role, String... projects) {
        String payload = user(name, role, projects).split("\\.")[1];
        try (JsonReader reader = Json.createReader(new StringReader(new String(
                Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8)))) {
            return Jwt.claims(reader.readObject())
                    .expiresAt(Instant.now().plus(lifetime))
                    .jws().keyId(userKeyId)
                    .sign(keys.userSigningKey());
        }
    }

    /** A token that verifies but has run out, to prove expiry is enforced. */
    public String expiredOperator(String... projects) {
        return Jwt.issuer(userIssuer)
                .subject("late-larry")
                .audience(KeyMaterial.AUDIENCE)
                .groups(Set.of(OPERATOR))
                .claim("projects", List.of(projects))
                .issuedAt(Instant.now().minus(Duration.ofHours(2)))
                .expiresAt(Instant.now().minus(Duration.ofHours(1)))
                .jws().keyId(userKeyId)
                .sign(keys.userSigningKey());
    }

    /** A user token signed by the trusted identity provider, but for another application ({@code aud}). */
    public String forAnotherAudience(String role, String... projects) {
        return Jwt.issuer(userIssuer)
                .subject("olga-other-app")
                .audience("another-application")
                .groups(Set.of(role))
                .claim("projects", List.of(projects))
                .expiresIn(Duration.ofHours(1))
                .jws().keyId(userKeyId)
                .sign(keys.userSigningKey());
    }

    /** A user token without any audience, as an identity provider not configured for Mooring would issue. */
    public String withoutAudience(String role, String... projects) {
        return Jwt.issuer(userIssuer)
                .subject("nora-no-audience")
                .groups(Set.of(role))
                .claim("projects", List.of(projects))
                .expiresIn(Duration.ofHours(1))
                .jws().keyId(userKeyId)
                .sign(keys.userSigningKey());
    }

    /** A well-formed token signed with a key nobody trusts. */
    public String forged(String role, String... projects) {
        return new Tokens(KeyMaterial.generate(tempDir()), userIssuer, userKeyId).user("mallory", role, projects);
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("mooring-forged-keys-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
