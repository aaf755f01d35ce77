package io.mooring.support.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.micrometer.core.instrument.MeterRegistry;
import io.mooring.testsupport.KeyMaterial;
import io.mooring.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * An agent token is verified once and then served from {@link AgentTokenCache} until its {@code exp}: counted by
 * the cache's meters, {@code mooring.security.agent-token.verifications} (identities quarkus-oidc verified that
 * reached {@link TokenAugmentor}) and {@code mooring.security.agent-token.cache.hits}.
 */
@QuarkusTest
class VerifiedAgentTokensTest {

    private final Tokens tokens = Tokens.shared();

    @Inject
    MeterRegistry metrics;

    @Test
    void aVerifiedAgentTokenIsNotVerifiedAgain() {
        UUID cluster = UUID.randomUUID();
        String token = tokens.agent(cluster);
        double verifications = count(AgentTokenCache.VERIFICATIONS);
        double hits = count(AgentTokenCache.HITS);

        given().auth().oauth2(token).get("/api/v1/widgets/agent").then().statusCode(200)
                .body(equalTo(cluster.toString()));
        assertThat(count(AgentTokenCache.VERIFICATIONS)).isEqualTo(verifications + 1);
        assertThat(count(AgentTokenCache.HITS)).isEqualTo(hits);

        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(token).get("/api/v1/widgets/agent").then().statusCode(200)
                    .body(equalTo(cluster.toString()));
        }
        // Still the agent role and nothing else: a user route stays closed to the kept token.
        given().auth().oauth2(token).get("/api/v1/widgets").then().statusCode(403);
        assertThat(count(AgentTokenCache.VERIFICATIONS)).isEqualTo(verifications + 1);
        assertThat(count(AgentTokenCache.HITS)).isEqualTo(hits + 4);
    }

    @Test
    void aCachedAgentTokenIsRefusedOnceExpired() {
        UUID cluster = UUID.randomUUID();
        Instant exp = Instant.now().plusSeconds(3);
        String token = agentToken(cluster.toString(), Set.of(Tokens.AGENT), exp);
        given().auth().oauth2(token).get("/api/v1/widgets/agent").then().statusCode(200);
        given().auth().oauth2(token).get("/api/v1/widgets/agent").then().statusCode(200);
        Instant cachedUntil = Instant.ofEpochSecond(exp.getEpochSecond());

        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).until(() -> {
            Instant sent = Instant.now();
            int status = given().auth().oauth2(token).get("/api/v1/widgets/agent").statusCode();
            if (status == 200) {
                assertThat(sent).as("a request answered 200 was sent before the token's exp").isBefore(cachedUntil);
            }
            return status == 401;
        });
        given().auth().oauth2(token).get("/api/v1/widgets/agent").then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void aTokenWithAnotherSignatureIsNeverServedFromTheCache() throws GeneralSecurityException {
        UUID cluster = UUID.randomUUID();
        String token = tokens.agent(cluster);
        given().auth().oauth2(token).get("/api/v1/widgets/agent").then().statusCode(200);
        double verifications = count(AgentTokenCache.VERIFICATIONS);
        double hits = count(AgentTokenCache.HITS);

        String[] parts = token.split("\\.");
        String signedByAnotherKey = parts[0] + "." + parts[1] + "." + signature(parts[0] + "." + parts[1]);
        given().auth().oauth2(signedByAnotherKey).get("/api/v1/widgets/agent").then().statusCode(401);
        String otherSubject = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace(cluster.toString(), UUID.randomUUID().toString());
        String alteredPayload = parts[0] + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(otherSubject.getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];
        given().auth().oauth2(alteredPayload).get("/api/v1/widgets/agent").then().statusCode(401);

        assertThat(count(AgentTokenCache.HITS)).isEqualTo(hits);
        assertThat(count(AgentTokenCache.VERIFICATIONS)).isEqualTo(verifications);
        given().auth().oauth2(token).get("/api/v1/widgets/agent").then().statusCode(200)
                .body(equalTo(cluster.toString()));
        assertThat(count(AgentTokenCache.HITS)).isEqualTo(hits + 1);
    }

    @Test
    void anAgentTokenOfTheWrongShapeIsRefusedEveryTimeAndNeverCached() {
        String notAnAgent = agentToken(UUID.randomUUID().toString(), Set.of(Tokens.AGENT, Tokens.OPERATOR),
                Instant.now().plusSeconds(900));
        double verifications = count(AgentTokenCache.VERIFICATIONS);
        double hits = count(AgentTokenCache.HITS);
        for (int i = 0; i < 2; i++) {
            given().auth().oauth2(notAnAgent).get("/api/v1/widgets/agent").then().statusCode(401);
        }
        assertThat(count(AgentTokenCache.VERIFICATIONS)).isEqualTo(verifications);
        assertThat(count(AgentTokenCache.HITS)).isEqualTo(hits);
    }

    @Test
    void userTokensAreVerifiedEveryTime() {
        String operator = tokens.operator("blue");
        double verifications = count(AgentTokenCache.VERIFICATIONS);
        double hits = count(AgentTokenCache.HITS);
        double kept = metrics.get("mooring.security.agent-token.cache.size").gauge().value();
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(operator).get("/api/v1/widgets").then().statusCode(200);
        }
        assertThat(count(AgentTokenCache.HITS)).isEqualTo(hits);
        assertThat(count(AgentTokenCache.VERIFICATIONS)).isEqualTo(verifications);
        assertThat(metrics.get("mooring.security.agent-token.cache.size").gauge().value()).isLessThanOrEqualTo(kept);

        // Verified each time, so a user token's expiry is the provider's verification's, request by request.
        String shortLived = tokens.userExpiringIn(Duration.ofSeconds(2), "sam-short", Tokens.OPERATOR, "blue");
        given().auth().oauth2(shortLived).get("/api/v1/widgets").then().statusCode(200);
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                .until(() -> given().auth().oauth2(shortLived).get("/api/v1/widgets").statusCode() == 401);
        assertThat(count(AgentTokenCache.HITS)).isEqualTo(hits);
    }

    private double count(String counter) {
        return metrics.get(counter).counter().count();
    }

    private static String agentToken(String subject, Set<String> groups, Instant expiresAt) {
        return Jwt.issuer(KeyMaterial.AGENT_ISSUER).subject(subject).audience(KeyMaterial.AUDIENCE).groups(groups)
                .expiresAt(expiresAt).jws().keyId(KeyMaterial.AGENT_KEY_ID)
                .sign(KeyMaterial.shared().agentSigningKey());
    }

    /** RS256 over {@code signingInput} with a key nobody trusts. */
    private static String signature(String signingInput) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(generator.generateKeyPair().getPrivate());
        rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(rsa.sign());
    }
}
