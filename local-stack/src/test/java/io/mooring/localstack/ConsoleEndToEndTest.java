package io.mooring.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mooring.simulator.Provider;
import io.mooring.simulator.SimulatedCluster;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;

/**
 * The web console in a real browser (Debian's headless chromium, driven through chromedriver) against the local
 * stack, as a user works: signing in through the stack's development sign-in (authorization code with PKCE),
 * importing a cluster through the wizard and seeing it reach Running once its agent runs, then Degraded when a node
 * goes NotReady (without reloading the fleet page) and in its timeline, asking for its migration to
 * full permission, and a viewer who sees no write action. Every page it visits is checked with axe-core (no serious or critical violation), and the pages are
 * saved as screenshots into docs/console/ for the README.
 */
@ExtendWith(SharedStack.class)
class ConsoleEndToEndTest {

    private static final Duration PAGE = Duration.ofSeconds(30);
    private static final Duration AGENT = Duration.ofMinutes(4);
    private static final Path SCREENSHOTS = Path.of("..", "docs", "console");

    private static LocalStack stack;
    private static int gateway;
    private static String console;
    private static Path profile;
    private static ChromeDriver browser;

    @BeforeAll
    static void startBrowser(SharedStack.Running running) throws Exception {
        stack = running.stack();
        gateway = running.gatewayPort();
        console = "http://localhost:" + gateway + "/";

        String chromium = System.getenv().getOrDefault("MOORING_CHROMIUM", "/usr/bin/chromium");
        String driver = System.getenv().getOrDefault("MOORING_CHROMEDRIVER", "/usr/bin/chromedriver");
        assertThat(new File(chromium)).as("Debian's chromium (apt-get install chromium chromium-driver; .ci/run does)")
                .canRead();
        assertThat(new File(driver)).as("Debian's chromedriver (package chromium-driver)").canRead();
        profile = Files.createTempDirectory("mooring-console-chromium-");
        ChromeOptions options = new ChromeOptions().setBinary(chromium).addArguments("--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--window-size=1400,1000",
                "--user-data-dir=" + profile);
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(new File(driver))
                .usingAnyFreePort().build(), options);
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        // The fleet and the cluster page render again every few seconds: an element found a moment ago may be gone.
        Awaitility.ignoreExceptionsByDefaultMatching(e -> e instanceof StaleElementReferenceException
                || e instanceof NoSuchElementException);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stopAll() throws IOException {
        Awaitility.reset();
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void anOperatorImportsAClusterThroughTheWizardAndSeesItReachRunningOnceItsAgentRuns() throws Exception {
        signIn("operator", "retail");
        await().atMost(PAGE).untilAsserted(() -> assertThat(text(By.cssSelector("#counts [data-count='Total']"))).isNotEmpty());
        assertAccessible("fleet");

        browser.findElement(By.id("import-button")).click();
        await().atMost(PAGE).until(() -> !browser.findElements(By.id("import-form")).isEmpty());
        browser.findElement(By.id("i-name")).sendKeys("console-eu");
        browser.findElement(By.id("i-description")).sendKeys("Imported in the browser");
        browser.findElement(By.id("i-labels")).sendKeys("env=test");
        new Select(browser.findElement(By.id("i-cloud"))).selectByValue("eks");
        click(By.id("i-read-only"));
        assertAccessible("import-form");
        screenshot("import-form");
        click(By.id("import-submit"));

        WebElement command = await().atMost(PAGE).until(() -> browser.findElements(By.id("import-command")),
                found -> !found.isEmpty()).get(0);
        String manifestUrl = browser.findElement(By.id("download-manifest")).getDomAttribute("href");
        assertThat(command.getText()).isEqualTo("kubectl apply -f " + manifestUrl);
        assertThat(text(By.id("follow-status"))).isEqualTo("Pending");
        assertAccessible("import-command");
        screenshot("import-command");

        SimulatedCluster cluster = stack.importByManifest("console-eu", Provider.EKS, manifestUrl);
        await().atMost(AGENT).untilAsserted(() -> assertThat(text(By.id("follow-status"))).isEqualTo("Running"));
        assertThat(text(By.id("follow-provider"))).startsWith("eks");
        screenshot("import-running");

        browser.findElement(By.id("nav-fleet")).click();
        By row = By.cssSelector("tr[data-cluster='console-eu']");
        await().atMost(AGENT).untilAsserted(() -> {
            assertThat(text(row)).contains("retail", "eks", "read-only", "Running");
            assertThat(browser.findElement(row).findElement(By.cssSelector(".connectivity")).getText())
                    .isEqualTo("Connected");
        });
        assertAccessible("fleet with a cluster");

        // The page is not reloaded: the fleet refreshes itself and the cluster turns Degraded.
        await().atMost(AGENT).untilAsserted(() -> assertThat(health(row)).isEqualTo("Healthy"));
        cluster.nodeNotReady(cluster.nodeNames().get(0));
        await().atMost(AGENT).untilAsserted(() -> assertThat(health(row)).isIn("Degraded", "Unhealthy"));
        await().atMost(PAGE).untilAsserted(() ->
                assertThat(text(By.cssSelector("#counts [data-count='Healthy']"))).isEqualTo("0"));
        screenshot("fleet");

        await().atMost(PAGE).until(() -> {
            browser.findElement(row).findElement(By.linkText("console-eu")).click();
            return true;
        });
        await().atMost(PAGE).until(() -> !browser.findElements(By.id("overview-title")).isEmpty());
        assertThat(text(By.id("main"))).contains("Imported in the browser", "env=test", "attach-addon-profile");
        await().atMost(PAGE).untilAsserted(() -> assertThat(text(By.id("timeline")))
                .contains("connectivity Pending → Connected").containsPattern("health \\S+ → Degraded|health \\S+ → Unhealthy"));
        assertAccessible("cluster overview");
        screenshot("cluster-overview");

        click(By.id("migrate"));
        await().atMost(PAGE).untilAsserted(() -> assertThat(text(By.id("action-command"))).startsWith("kubectl apply -f "));
        assertThat(text(By.id("action-result"))).contains("pending until the agent confirms");
        assertAccessible("cluster overview after a migration request");
    }

    @Test
    void aViewerSeesNoWriteActionAndAUserOfAnotherProjectSeesNothingOfThisOne() throws Exception {
        new PlatformClient("http://127.0.0.1:" + gateway, stack.adminToken()).post(
                "/api/v1/clusters", Map.<String, Object>of("name", "viewed", "project", "audit", "cloudType", "generic",
                        "importMode", "read-only"), 201);

        signIn("viewer", "audit");
        await().atMost(PAGE).untilAsserted(() -> assertThat(text(By.cssSelector("#clusters tbody"))).contains("viewed"));
        assertThat(browser.findElements(By.id("import-button"))).isEmpty();
        assertThat(browser.findElement(By.id("nav-import")).isDisplayed()).isFalse();
        assertThat(text(By.id("who"))).contains("viewer");
        browser.findElement(By.linkText("viewed")).click();
        await().atMost(PAGE).until(() -> !browser.findElements(By.id("overview-title")).isEmpty());
        assertThat(browser.findElements(By.id("cluster-actions"))).isEmpty();
        assertAccessible("cluster overview as a viewer");
        // Typed by hand, the wizard's address shows the fleet: the viewer could not import anyway.
        browser.get(console + "#/import");
        await().atMost(PAGE).until(() -> !browser.findElements(By.id("clusters")).isEmpty());
        assertThat(browser.findElements(By.id("import-form"))).isEmpty();
        assertAccessible("fleet as a viewer");
        screenshot("fleet-viewer");

        signIn("viewer", "elsewhere");
        await().atMost(PAGE).untilAsserted(() ->
                assertThat(text(By.cssSelector("#clusters tbody"))).contains("No cluster matches"));
        assertThat(text(By.cssSelector("#clusters tbody"))).doesNotContain("viewed");
    }

    /** Signs out of any earlier session, then through the development sign-in form as {@code role} of {@code project}. */
    private static void signIn(String role, String project) {
        browser.get(console);
        ((JavascriptExecutor) browser).executeScript("sessionStorage.clear()");
        browser.get(console);
        await().atMost(PAGE).until(() -> !browser.findElements(By.id("sign-in")).isEmpty());
        assertThat(browser.getCurrentUrl()).contains("/authorize?").contains("code_challenge_method=S256");
        new Select(browser.findElement(By.id("role"))).selectByValue(role);
        WebElement projects = browser.findElement(By.id("projects"));
        projects.clear();
        projects.sendKeys(project);
        browser.findElement(By.id("sign-in")).click();
        await().atMost(PAGE).untilAsserted(() -> assertThat(text(By.id("who"))).contains(role));
        assertThat(browser.getCurrentUrl()).doesNotContain("code=");
    }

    /**
     * Clicks an element scrolled to the middle of the window at once: Bootstrap makes scrolling smooth, and a click
     * while the page still moves lands elsewhere (chromedriver's "element click intercepted").
     */
    private static void click(By by) {
        WebElement element = browser.findElement(by);
        browser.executeScript("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", element);
        element.click();
    }

    private static String health(By row) {
        return browser.findElement(row).findElement(By.cssSelector(".health")).getText();
    }

    /** The element's text, or "" when there is none; read again when the page re-rendered it meanwhile. */
    private static String text(By by) {
        for (int attempt = 0; ; attempt++) {
            try {
                List<WebElement> found = browser.findElements(by);
                return found.isEmpty() ? "" : found.get(0).getText();
            } catch (StaleElementReferenceException e) {
                if (attempt == 5) {
                    throw e;
                }
            }
        }
    }

    private static void screenshot(String name) throws IOException {
        Files.write(SCREENSHOTS.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    }

    /** Runs axe-core on the page as it is: no violation of serious or critical impact. */
    private static void assertAccessible(String page) throws IOException {
        JavascriptExecutor js = browser;
        js.executeScript(axeSource());
        Object violations = js.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, { resultTypes: ['violations'] })
                  .then(r => done(r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                    .map(v => v.id + ' (' + v.impact + '): ' + v.help + ' at '
                      + v.nodes.map(n => n.target.join(' ')).join(', '))))
                  .catch(e => done(['axe failed: ' + e]));""");
        assertThat((List<?>) violations).as("serious or critical accessibility violations on the " + page + " page")
                .isEmpty();
    }

    private static String axeSource() throws IOException {
        Properties pom = new Properties();
        try (InputStream in = ConsoleEndToEndTest.class
                .getResourceAsStream("/META-INF/maven/org.webjars.npm/axe-core/pom.properties")) {
            pom.load(in);
        }
        try (InputStream in = ConsoleEndToEndTest.class.getResourceAsStream(
                "/META-INF/resources/webjars/axe-core/" + pom.getProperty("version") + "/axe.min.js")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
