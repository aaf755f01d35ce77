package io.mooring.support.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.mooring.testsupport.KeyMaterial;
import io.mooring.testsupport.OidcIssuer;
import io.mooring.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The service trusts user tokens of the OpenID Connect provider it is pointed at by issuer URL only: the keys come
 * from the provider's discovery document, over HTTP, and follow the provider's key rotation while it runs.
 */
@QuarkusTest
@TestProfile(OpenIdConnectProviderTest.OwnProvider.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpenIdConnectProviderTest {

    /** A provider of this test's own, so that rotating its keys cannot disturb any other test. */
    public static class OwnProvider implements QuarkusTestProfile {
        static final KeyMaterial FIRST_KEYS = keys();
        static final OidcIssuer PROVIDER = OidcIssuer.start(0).publish("key-1", FIRST_KEYS.userPublicKey());

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mooring.security.user-issuer", PROVIDER.issuer(),
                    "mooring.security.jwks-refresh-interval", "10M");
        }
    }

    private final Tokens firstKey = new Tokens(OwnProvider.FIRST_KEYS, OwnProvider.PROVIDER.issuer(), "key-1");

    @Test
    @Order(1)
    void aTokenOfTheDiscoveredIssuerIsAccepted() {
        given().auth().oauth2(firstKey.operator("blue")).get("/api/v1/widgets")
                .then().statusCode(200).body("projects", hasItem("blue"));
    }

    @Test
    @Order(2)
    void aTokenOfTheProviderForAnotherAudienceIsUnauthorized() {
        given().auth().oauth2(firstKey.forAnotherAudience(Tokens.ADMIN)).get("/api/v1/widgets")
                .then().statusCode(401).contentType("application/problem+json").body("status", equalTo(401));
    }

    @Test
    @Order(3)
    void aTokenSignedWithTheProvidersKeyButNamingAnotherIssuerIsUnauthorized() {
        given().auth().oauth2(firstKey.fromAnotherIssuer("https://elsewhere.example", Tokens.ADMIN))
                .get("/api/v1/widgets")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    @Order(4)
    void keysRotateWithoutARestartAndUnknownKeysFetchTheKeySetAtMostOncePerInterval() {
        KeyMaterial secondKeys = keys();
        OwnProvider.PROVIDER.publish("key-2", secondKeys.userPublicKey()).withdraw("key-1");
        int fetched = OwnProvider.PROVIDER.keySetRequests();

        Tokens secondKey = new Tokens(secondKeys, OwnProvider.PROVIDER.issuer(), "key-2");
        given().auth().oauth2(secondKey.operator("blue")).get("/api/v1/widgets")
                .then().statusCode(200).body("projects", hasItem("blue"));
        assertThat(OwnProvider.PROVIDER.keySetRequests()).isEqualTo(fetched + 1);

        // The retired key is gone with the set fetched just now.
        given().auth().oauth2(firstKey.operator("blue")).get("/api/v1/widgets").then().statusCode(401);
        // A key the provider never published is refused, and does not make the service ask the provider again:
        // tokens with made-up key ids cannot turn the service into a load generator against the provider.
        Tokens unpublished = new Tokens(keys(), OwnProvider.PROVIDER.issuer(), "key-3");
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(unpublished.admin()).get("/api/v1/widgets")
                    .then().statusCode(401).contentType("application/problem+json");
        }
        assertThat(OwnProvider.PROVIDER.keySetRequests()).isEqualTo(fetched + 1);
        given().auth().oauth2(secondKey.admin()).get("/api/v1/widgets").then().statusCode(200);
    }

    private static KeyMaterial keys() {
        try {
            return KeyMaterial.generate(Files.createTempDirectory("mooring-provider-keys-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
