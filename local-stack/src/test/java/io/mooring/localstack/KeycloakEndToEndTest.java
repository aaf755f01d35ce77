package io.mooring.localstack;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mooring.cli.Environment;
import io.mooring.cli.ExitCodes;
import io.mooring.cli.MooringCli;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.specification.RequestSpecification;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import picocli.CommandLine;

/**
 * The suite with a real OpenID Connect provider: {@code bin/local-stack --identity-provider=keycloak} started in
 * this JVM, the users of the realm it imports signing in by the password grant, every call through the gateway.
 * Operators of projects a and b each import a cluster; a viewer of a sees a's and nothing of b's, and can change
 * nothing. Tokens Keycloak issued for another application, or from another realm (another issuer) with the very same
 * claims, open nothing. The two clients people sign in with go through Keycloak's own pages in headless chromium: the
 * web console (authorization code with PKCE, and signing out at the provider) and the CLI (device grant, refresh,
 * logout).
 */
class KeycloakEndToEndTest {

    /** Databases of their own, dropped afterwards, so a developer's local stack data is never touched. */
    private static final String DATABASES = "mooring_kc_e2e_" + Long.toHexString(System.nanoTime());
    private static final ObjectMapper JSON = new ObjectMapper();

    private static LocalStack stack;
    private static KeycloakServer keycloak;
    private static final Pattern VERIFICATION = Pattern.compile("\\(or open (\\S+)\\)");
    /** The device grant: Keycloak asks the CLI to poll every 5 s; a sign-in in the browser takes a few more. */
    private static final Duration DEVICE_SIGN_IN = Duration.ofMinutes(2);

    private static String gatewayUrl;
    private static String clusterOfA;
    private static String clusterOfB;
    private static String nameOfA;
    private static String nameOfB;

    @BeforeAll
    static void startStackWithKeycloak() throws Exception {
        int gateway = FreePorts.one();
        Path data = Files.createTempDirectory("mooring-kc-e2e-");
        Path repo = Path.of("..").toAbsolutePath().normalize();
        // No simulated clusters: the clusters here are imported by the test's users. The ready timeout covers
        // Keycloak's first start (its database and the realm import), minutes on two busy cores.
        stack = new LocalStack(new StackOptions(repo, data, gateway, FreePorts.blockOfSix(), FreePorts.one(), 600,
                List.of(), List.of(), DATABASES, false, StackOptions.IdentityProvider.KEYCLOAK));
        stack.start();
        keycloak = stack.keycloak();
        RestAssured.baseURI = "http://127.0.0.1";
        RestAssured.port = gateway;
        RestAssured.config = RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
                .setParam("http.connection.timeout", 10_000).setParam("http.socket.timeout", 60_000));

        gatewayUrl = "http://127.0.0.1:" + gateway;

        nameOfA = "kc-e2e-a-" + Long.toHexString(System.nanoTime());
        nameOfB = "kc-e2e-b-" + Long.toHexString(System.nanoTime());
        clusterOfA = importCluster(keycloak.passwordGrant("operator-a"), nameOfA, "a");
        clusterOfB = importCluster(keycloak.passwordGrant("operator-b"), nameOfB, "b");
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.stop();
            stack.dropDatabases();
        }
    }

    @Test
    void aSignedInUsersTokenCarriesTheRealmsAudienceRoleAndProject() throws Exception {
        JsonNode claims = claims(keycloak.passwordGrant("viewer-a"));
        assertThat(claims.path("iss").asText()).isEqualTo(keycloak.issuer());
        assertThat(claims.path("aud").toString()).contains("\"mooring\"");
        assertThat(claims.path("groups").toString()).isEqualTo("[\"mooring-viewer\"]");
        assertThat(claims.path("projects").toString()).isEqualTo("[\"a\"]");
    }

    @Test
    void aViewerOfProjectAListsItsClustersAndNoneOfProjectB() {
        List<Map<String, Object>> items = as(keycloak.passwordGrant("viewer-a")).get("/api/v1/clusters?limit=100")
                .then().statusCode(200).extract().jsonPath().getList("items");
        assertThat(items).extracting(c -> c.get("id")).contains(clusterOfA).doesNotContain(clusterOfB);
        assertThat(items).extracting(c -> c.get("project")).containsOnly("a");

        assertThat(as(keycloak.passwordGrant("viewer-a")).get("/api/v1/clusters?project=b").then().statusCode(200)
                .extract().jsonPath().getList("items")).isEmpty();
    }

    @Test
    void aViewerOfProjectAFindsNoClusterOfProjectB() {
        String viewer = keycloak.passwordGrant("viewer-a");
        as(viewer).get("/api/v1/clusters/{id}", clusterOfB).then().statusCode(404);
        as(viewer).get("/api/v1/clusters/{id}", clusterOfA).then().statusCode(200);
    }

    @Test
    void aViewerCanChangeNothing() {
        String viewer = keycloak.passwordGrant("viewer-a");
        as(viewer).contentType("application/json").body(importRequest("kc-e2e-viewer", "a"))
                .post("/api/v1/clusters").then().statusCode(403);
        as(viewer).contentType("application/json").body(Map.of("description", "changed by a viewer"))
                .patch("/api/v1/clusters/{id}", clusterOfA).then().statusCode(403);
        as(viewer).delete("/api/v1/clusters/{id}", clusterOfA).then().statusCode(403);
        as(viewer).get("/api/v1/clusters/{id}", clusterOfA).then().statusCode(200);
    }

    @Test
    void anOperatorOfProjectAFindsNoClusterOfProjectBToChange() {
        as(keycloak.passwordGrant("operator-a")).contentType("application/json")
                .body(Map.of("description", "changed from project a"))
                .patch("/api/v1/clusters/{id}", clusterOfB).then().statusCode(404);
    }

    @Test
    void aTokenKeycloakIssuedForAnotherApplicationIsRefused() throws Exception {
        String admin = consoleAdminToken();
        // The same claims as Mooring's client, but the audience of another application.
        ObjectNode client = (ObjectNode) JSON.readTree(KeycloakServer.realmJson()).path("clients").get(0).deepCopy();
        client.put("clientId", "another-application");
        client.put("name", "Another application");
        for (JsonNode mapper : client.withArray("protocolMappers")) {
            if (mapper.path("protocolMapper").asText().equals("oidc-audience-mapper")) {
                ((ObjectNode) mapper.path("config")).remove("included.client.audience");
                ((ObjectNode) mapper.path("config")).put("included.custom.audience", "another-application");
            }
        }
        adminRequest(admin).body(client.toString()).post(keycloak.url() + "/admin/realms/mooring/clients")
                .then().statusCode(201);
        String token = keycloak.passwordGrant("mooring", "another-application", "operator-a",
                KeycloakServer.PASSWORD);
        JsonNode claims = claims(token);
        assertThat(claims.path("iss").asText()).isEqualTo(keycloak.issuer());
        assertThat(claims.path("aud").toString()).doesNotContain("\"mooring\"");
        assertThat(claims.path("groups").toString()).contains("mooring-operator");

        as(token).get("/api/v1/clusters").then().statusCode(401);
        as(token).get("/api/v1/clusters/{id}", clusterOfA).then().statusCode(401);
    }

    @Test
    void aTokenOfAnotherIssuerWithTheSameClaimsIsRefused() throws Exception {
        String admin = consoleAdminToken();
        // A look-alike realm: same client, audience, groups, users and passwords; only the issuer (and keys) differ.
        ObjectNode realm = (ObjectNode) JSON.readTree(KeycloakServer.realmJson());
        realm.put("realm", "elsewhere");
        adminRequest(admin).body(realm.toString()).post(keycloak.url() + "/admin/realms").then().statusCode(201);
        String token = keycloak.passwordGrant("elsewhere", KeycloakServer.CLIENT_ID, "operator-a",
                KeycloakServer.PASSWORD);
        JsonNode claims = claims(token);
        assertThat(claims.path("iss").asText()).isEqualTo(keycloak.url() + "/realms/elsewhere");
        assertThat(claims.path("aud").toString()).contains("\"mooring\"");
        assertThat(claims.path("projects").toString()).isEqualTo("[\"a\"]");

        as(token).get("/api/v1/clusters").then().statusCode(401);
        as(token).get("/api/v1/clusters/{id}", clusterOfA).then().statusCode(401);
        as(token).contentType("application/json").body(importRequest("kc-e2e-elsewhere", "a"))
                .post("/api/v1/clusters").then().statusCode(401);
    }

    @Test
    void aViewerSignsInToTheConsoleOnKeycloaksPageSeesProjectAWithoutWriteActionsAndAnOperatorSignsInAfterSignOut()
            throws Exception {
        try (ConsoleBrowser browser = ConsoleBrowser.start(gatewayUrl + "/")) {
            browser.signInAtKeycloak("viewer-a", KeycloakServer.PASSWORD);
            assertThat(browser.text(By.id("who"))).isEqualTo("viewer-a (viewer: a)");
            browser.waitFor(By.cssSelector("tr[data-cluster='" + nameOfA + "']"));
            assertThat(browser.driver().findElements(By.cssSelector("tr[data-cluster]")))
                    .extracting(row -> row.getAttribute("data-cluster")).contains(nameOfA).doesNotContain(nameOfB);
            assertThat(browser.driver().findElements(By.id("import-button"))).isEmpty();
            assertThat(browser.driver().findElement(By.id("nav-import")).isDisplayed()).isFalse();

            // Signing out ends Keycloak's session too: its page asks for a password again instead of signing
            // viewer-a straight back in, so another user can sign in on the same browser.
            browser.click(By.id("sign-out"));
            browser.continueSignInAtKeycloak("operator-a", KeycloakServer.PASSWORD);
            assertThat(browser.text(By.id("who"))).isEqualTo("operator-a (operator: a)");
            browser.waitFor(By.id("import-button"));
            assertThat(browser.driver().findElement(By.id("nav-import")).isDisplayed()).isTrue();
            assertThat(browser.driver().findElements(By.cssSelector("tr[data-cluster]")))
                    .extracting(row -> row.getAttribute("data-cluster")).contains(nameOfA).doesNotContain(nameOfB);

            // An access token past its end: the console goes through Keycloak again, whose session still knows the
            // browser, and comes back signed in without asking for the password (nobody types it here).
            browser.driver().executeScript("""
                    const stored = JSON.parse(sessionStorage.getItem('mooring.session'));
                    const claims = JSON.parse(atob(stored.token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
                    claims.exp = 1;
                    stored.token = 'expired.' + btoa(JSON.stringify(claims)).replace(/=+$/, '') + '.signature';
                    sessionStorage.setItem('mooring.session', JSON.stringify(stored));""");
            browser.driver().navigate().refresh();
            await().atMost(ConsoleBrowser.PAGE).untilAsserted(() -> {
                assertThat(browser.driver().getCurrentUrl()).startsWith(gatewayUrl + "/");
                assertThat(browser.driver().executeScript("return sessionStorage.getItem('mooring.session')"))
                        .asString().contains("idToken").doesNotContain("expired.");
                assertThat(browser.text(By.id("who"))).isEqualTo("operator-a (operator: a)");
            });
            browser.waitFor(By.id("import-button"));
        }
    }

    @Test
    void theCliSignsInByTheDeviceGrantInTheBrowserRenewsAnExpiredTokenAndSignsOutAtTheProvider() throws Exception {
        Path home = Files.createTempDirectory("mooring-kc-cli-");
        Cli login = cli(home, "login");
        String verification = verificationUrl(login);
        assertThat(login.err().toString()).contains("To sign in, open " + keycloak.issuer() + "/device")
                .contains("and enter the code ");
        try (ConsoleBrowser browser = ConsoleBrowser.start(gatewayUrl + "/")) {
            browser.driver().get(verification);
            browser.enterKeycloakPassword("operator-a", KeycloakServer.PASSWORD);
            browser.answerKeycloakConsent(true);
            Run signedIn = login.finish(DEVICE_SIGN_IN);
            assertThat(signedIn.exit()).as(signedIn.all()).isZero();
            assertThat(signedIn.err()).contains("Signed in. Token stored in " + home.resolve("config.json"));
        }
        Path file = home.resolve("config.json");
        assertThat(Files.getPosixFilePermissions(file))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        JsonNode stored = JSON.readTree(file.toFile());
        assertThat(stored.path("issuer").asText()).isEqualTo(keycloak.issuer());
        assertThat(stored.path("clientId").asText()).isEqualTo(KeycloakServer.CLIENT_ID);
        assertThat(stored.path("refreshToken").asText()).isNotBlank();
        assertThat(claims(stored.path("accessToken").asText()).path("preferred_username").asText())
                .isEqualTo("operator-a");

        assertListsAButNotB(cli(home, "clusters", "list", "-o", "json").finish(Duration.ofMinutes(1)));

        // What a clock past the token's end would see: the stored expiry in the past. The next command renews the
        // token with the refresh token before it calls, and stores the new one.
        ObjectNode expired = ((ObjectNode) stored.deepCopy()).put("expiresAt", Instant.now().getEpochSecond() - 60);
        Files.writeString(file, expired.toString());
        assertListsAButNotB(cli(home, "clusters", "list", "-o", "json").finish(Duration.ofMinutes(1)));
        JsonNode renewed = JSON.readTree(file.toFile());
        assertThat(renewed.path("accessToken").asText()).isNotEqualTo(stored.path("accessToken").asText());
        assertThat(renewed.path("expiresAt").asLong()).isGreaterThan(Instant.now().getEpochSecond());
        assertThat(claims(renewed.path("accessToken").asText()).path("preferred_username").asText())
                .isEqualTo("operator-a");
        assertThat(Files.getPosixFilePermissions(file))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

        Run logout = cli(home, "logout").finish(Duration.ofMinutes(1));
        assertThat(logout.exit()).as(logout.all()).isZero();
        JsonNode signedOut = JSON.readTree(file.toFile());
        assertThat(signedOut.has("accessToken")).isFalse();
        assertThat(signedOut.has("refreshToken")).isFalse();
        assertThat(signedOut.path("issuer").asText()).isEqualTo(keycloak.issuer());
        Run refused = cli(home, "clusters", "list").finish(Duration.ofMinutes(1));
        assertThat(refused.exit()).as(refused.all()).isEqualTo(ExitCodes.DENIED);
        assertThat(refused.err()).contains("not signed in");
        // Keycloak forgot the sign-in too: the refresh token the CLI held renews nothing any more.
        given().formParams(Map.of("grant_type", "refresh_token", "client_id", KeycloakServer.CLIENT_ID,
                        "refresh_token", renewed.path("refreshToken").asText()))
                .post(keycloak.issuer() + "/protocol/openid-connect/token").then().statusCode(400);
    }

    @Test
    void aDeviceSignInTheUserDeniesInTheBrowserEndsLoginWithTheDeniedCodeAndStoresNoToken() throws Exception {
        Path home = Files.createTempDirectory("mooring-kc-cli-");
        Cli login = cli(home, "login");
        String verification = verificationUrl(login);
        try (ConsoleBrowser browser = ConsoleBrowser.start(gatewayUrl + "/")) {
            browser.driver().get(verification);
            browser.enterKeycloakPassword("operator-a", KeycloakServer.PASSWORD);
            browser.answerKeycloakConsent(false);
            Run denied = login.finish(DEVICE_SIGN_IN);
            assertThat(denied.exit()).as(denied.all()).isEqualTo(ExitCodes.DENIED);
            assertThat(denied.err()).contains("the sign-in was denied");
        }
        assertThat(home.resolve("config.json")).doesNotExist();
    }

    private static void assertListsAButNotB(Run run) throws Exception {
        assertThat(run.exit()).as(run.all()).isZero();
        List<String> ids = new java.util.ArrayList<>();
        JSON.readTree(run.out()).forEach(cluster -> ids.add(cluster.path("id").asText()));
        assertThat(ids).contains(clusterOfA).doesNotContain(clusterOfB);
    }

    record Run(int exit, String out, String err) {
        String all() {
            return "exit " + exit + "\nstdout:\n" + out + "\nstderr:\n" + err;
        }
    }

    /** A run of the CLI in this JVM on a thread of its own, its output readable while it runs. */
    private record Cli(StringWriter out, StringWriter err, CompletableFuture<Integer> exit) {
        Run finish(Duration within) throws Exception {
            return new Run(exit.get(within.toSeconds(), TimeUnit.SECONDS), out.toString(), err.toString());
        }
    }

    /**
     * Starts the CLI as a user signed in with it would run it: no token given, the config in {@code home}, the
     * stack's gateway and Keycloak's issuer from the environment.
     */
    private static Cli cli(Path home, String... args) {
        Map<String, String> variables = Map.of("MOORING_SERVER", gatewayUrl, "MOORING_ISSUER", keycloak.issuer(),
                "MOORING_CONFIG_DIR", home.toString());
        Environment environment = new Environment(variables, Clock.systemUTC(), d -> Thread.sleep(d.toMillis()),
                false, Duration.ofSeconds(1));
        CommandLine cli = MooringCli.commandLine(environment);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                exit.complete(cli.execute(args));
            } catch (Throwable e) {
                exit.completeExceptionally(e);
            }
        }, "mooring-" + args[0]);
        thread.setDaemon(true);
        thread.start();
        return new Cli(out, err, exit);
    }

    /** The link with the user code in it that login prints, as a user copies it into the browser. */
    private static String verificationUrl(Cli login) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> {
            assertThat(login.exit()).as(() -> "login ended early: " + login.err()).isNotDone();
            Matcher found = VERIFICATION.matcher(login.err().toString());
            return found.find() ? found.group(1) : null;
        }, url -> url != null);
    }

    private static String importCluster(String operatorToken, String name, String project) {
        return as(operatorToken).contentType("application/json").body(importRequestNamed(name, project))
                .post("/api/v1/clusters").then().statusCode(201).extract().jsonPath().getString("cluster.id");
    }

    private static Map<String, Object> importRequestNamed(String name, String project) {
        return Map.of("name", name, "project", project, "cloudType", "generic", "importMode", "read-only");
    }

    private static Map<String, Object> importRequest(String name, String project) {
        return importRequestNamed(name + "-" + Long.toHexString(System.nanoTime()), project);
    }

    private static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token).accept("application/json");
    }

    private static String consoleAdminToken() {
        return keycloak.passwordGrant("master", "admin-cli", KeycloakServer.CONSOLE_ADMIN,
                KeycloakServer.CONSOLE_PASSWORD);
    }

    private static RequestSpecification adminRequest(String adminToken) {
        return given().header("Authorization", "Bearer " + adminToken).contentType("application/json");
    }

    private static JsonNode claims(String token) throws Exception {
        return JSON.readTree(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8));
    }
}
