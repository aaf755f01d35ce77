package io.mooring.cli.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mooring.cli.CliException;
import io.mooring.cli.ExitCodes;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The device flow against a small fake provider (a real HTTP server speaking RFC 8628's answers); the waits
 * between polls are recorded instead of slept.
 */
class OidcClientTest {

    private static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");

    private io.mooring.cli.FakeServer provider;
    private final List<Duration> waits = new ArrayList<>();
    private OidcClient oidc;

    @BeforeEach
    void startProvider() throws Exception {
        provider = new io.mooring.cli.FakeServer();
        String issuer = provider.url() + "/realms/mooring";
        provider.json("GET /realms/mooring/.well-known/openid-configuration", 200, "{\"issuer\":\"" + issuer
                + "\",\"token_endpoint\":\"" + issuer + "/token\",\"device_authorization_endpoint\":\"" + issuer
                + "/device\"}");
        provider.json("POST /realms/mooring/device", 200, """
                {"device_code":"dev-1","user_code":"ABCD-EFGH","verification_uri":"https://idp/device",
                 "verification_uri_complete":"https://idp/device?user_code=ABCD-EFGH","expires_in":600,"interval":2}""");
        oidc = new OidcClient(HttpClient.newHttpClient(), Clock.fixed(NOW, ZoneOffset.UTC), waits::add);
    }

    @AfterEach
    void stopProvider() {
        provider.close();
    }

    @Test
    void theDeviceFlowPollsWhilePendingSlowsDownWhenToldAndReturnsTheTokens() {
        provider.json("POST /realms/mooring/token", 400, "{\"error\":\"authorization_pending\"}");
        provider.json("POST /realms/mooring/token", 400, "{\"error\":\"slow_down\"}");
        provider.json("POST /realms/mooring/token", 200,
                "{\"access_token\":\"at-1\",\"refresh_token\":\"rt-1\",\"expires_in\":300,\"token_type\":\"Bearer\"}");

        OidcClient.Endpoints endpoints = oidc.discover(provider.url() + "/realms/mooring/");
        OidcClient.DeviceCode code = oidc.startDeviceSignIn(endpoints, "mooring", "openid");
        OidcClient.Tokens tokens = oidc.awaitDeviceApproval(endpoints, "mooring", code);

        assertThat(code.userCode()).isEqualTo("ABCD-EFGH");
        assertThat(code.verificationUriComplete()).isEqualTo("https://idp/device?user_code=ABCD-EFGH");
        assertThat(tokens).isEqualTo(new OidcClient.Tokens("at-1", "rt-1", NOW.getEpochSecond() + 300));
        assertThat(waits).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(7));
        // PKCE: the device request carries the S256 challenge of a verifier that every poll then proves.
        assertThat(provider.requests("POST", "/realms/mooring/device").get(0).body())
                .isEqualTo("client_id=mooring&scope=openid&code_challenge=" + OidcClient.s256(code.codeVerifier())
                        + "&code_challenge_method=S256");
        assertThat(code.codeVerifier()).hasSize(43);
        assertThat(provider.requests("POST", "/realms/mooring/token")).allSatisfy(poll -> assertThat(poll.body())
                .contains("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Adevice_code", "device_code=dev-1",
                        "client_id=mooring", "code_verifier=" + code.codeVerifier()));
    }

    @Test
    void aDeniedSignInEndsWithTheDeniedExitCode() {
        provider.json("POST /realms/mooring/token", 400, "{\"error\":\"access_denied\"}");
        OidcClient.Endpoints endpoints = oidc.discover(provider.url() + "/realms/mooring");
        OidcClient.DeviceCode code = oidc.startDeviceSignIn(endpoints, "mooring", "openid");

        assertThatThrownBy(() -> oidc.awaitDeviceApproval(endpoints, "mooring", code))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCodes.DENIED))
                .hasMessageContaining("denied");
    }

    @Test
    void aRefreshKeepsTheOldRefreshTokenWhenTheProviderSendsNoNewOne() {
        provider.json("POST /realms/mooring/token", 200, "{\"access_token\":\"at-2\",\"expires_in\":60}");

        OidcClient.Tokens tokens = oidc.refresh(oidc.discover(provider.url() + "/realms/mooring"), "mooring", "rt-1");

        assertThat(tokens).isEqualTo(new OidcClient.Tokens("at-2", "rt-1", NOW.getEpochSecond() + 60));
        assertThat(provider.requests("POST", "/realms/mooring/token").get(0).body())
                .isEqualTo("grant_type=refresh_token&refresh_token=rt-1&client_id=mooring");
    }

    @Test
    void aProviderWithoutDeviceSignInIsAUsageErrorThatPointsToTokenSignIn() {
        provider.json("GET /realms/other/.well-known/openid-configuration", 200,
                "{\"token_endpoint\":\"" + provider.url() + "/t\"}");
        OidcClient.Endpoints endpoints = oidc.discover(provider.url() + "/realms/other");

        assertThatThrownBy(() -> oidc.startDeviceSignIn(endpoints, "mooring", "openid"))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCodes.USAGE))
                .hasMessageContaining("--token");
    }
}
