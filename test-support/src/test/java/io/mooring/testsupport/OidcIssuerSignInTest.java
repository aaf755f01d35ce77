package io.mooring.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The built-in issuer's development sign-in over HTTP, as the console's browser tab meets it. */
class OidcIssuerSignInTest {

    private static final String CONSOLE = "http://localhost:8080/";
    private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    private static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final OidcIssuer issuer = OidcIssuer.start(0)
            .enableDevelopmentSignIn(List.of(CONSOLE), (role, projects) -> role + ":" + String.join(",", projects));

    @AfterEach
    void stop() {
        issuer.close();
    }

    private Map<String, String> authorization(String redirectUri) {
        return Map.of("response_type", "code", "client_id", "mooring", "redirect_uri", redirectUri, "state", "s1",
                "code_challenge", CHALLENGE, "code_challenge_method", "S256");
    }

    private static String form(Map<String, String> values) {
        return values.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(issuer.issuer() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(issuer.issuer() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String codeFor(String role, String projects) throws Exception {
        Map<String, String> chosen = new java.util.HashMap<>(authorization(CONSOLE));
        chosen.put("role", role);
        chosen.put("projects", projects);
        HttpResponse<String> answer = post("/authorize", form(chosen));
        assertThat(answer.statusCode()).isEqualTo(302);
        String location = answer.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(CONSOLE + "?code=").endsWith("&state=s1");
        return location.substring(location.indexOf("code=") + 5, location.indexOf("&state"));
    }

    @Test
    void discoveryNamesTheEndpointsAndS256() throws Exception {
        HttpResponse<String> answer = get("/.well-known/openid-configuration");
        assertThat(answer.body()).contains("\"authorization_endpoint\":\"" + issuer.issuer() + "/authorize\"",
                "\"token_endpoint\":\"" + issuer.issuer() + "/token\"", "\"code_challenge_methods_supported\":[\"S256\"]");
        assertThat(answer.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
    }

    @Test
    void theFormComesBackWithACodeThatTheVerifierTradesForTheChosenRolesToken() throws Exception {
        assertThat(get("/authorize?" + form(authorization(CONSOLE))).body()).contains("name=\"role\"", CHALLENGE);
        String code = codeFor("viewer", "a, b");

        HttpResponse<String> token = post("/token", form(Map.of("grant_type", "authorization_code", "code", code,
                "client_id", "mooring", "redirect_uri", CONSOLE, "code_verifier", VERIFIER)));
        assertThat(token.statusCode()).isEqualTo(200);
        assertThat(token.body()).isEqualTo("{\"access_token\":\"viewer:a,b\",\"token_type\":\"Bearer\"}");
    }

    @Test
    void aCodeWithoutItsVerifierIsAnInvalidGrant() throws Exception {
        String code = codeFor("admin", "");
        HttpResponse<String> token = post("/token", form(Map.of("grant_type", "authorization_code", "code", code,
                "client_id", "mooring", "redirect_uri", CONSOLE, "code_verifier", "another-verifier-of-enough-length-0123456789")));
        assertThat(token.statusCode()).isEqualTo(400);
        assertThat(token.body()).contains("\"error\":\"invalid_grant\"");
    }

    @Test
    void aRedirectUriOutsideTheConsoleIsRefusedWithoutRedirecting() throws Exception {
        HttpResponse<String> answer = get("/authorize?" + form(authorization("http://evil.example/")));
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.headers().firstValue("Location")).isEmpty();
    }
}
