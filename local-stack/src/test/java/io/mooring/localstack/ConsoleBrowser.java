package io.mooring.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
 * The web console in Debian's headless chromium, driven through chromedriver, as the browser tests use it: signing in
 * through the stack's development sign-in, clicking, reading, checking a page with axe-core and saving it as a
 * screenshot into docs/console/ for the README. One per test class; {@link #close()} quits the browser.
 */
final class ConsoleBrowser implements AutoCloseable {

    static final Duration PAGE = Duration.ofSeconds(30);
    private static final Path SCREENSHOTS = Path.of("..", "docs", "console");

    private final ChromeDriver driver;
    private final String console;

    private ConsoleBrowser(ChromeDriver driver, String console) {
        this.driver = driver;
        this.console = console;
    }

    /** A browser for the console at {@code console} (the gateway's root, ending in a slash). */
    static ConsoleBrowser start(String console) throws IOException {
        String chromium = System.getenv().getOrDefault("MOORING_CHROMIUM", "/usr/bin/chromium");
        String driver = System.getenv().getOrDefault("MOORING_CHROMEDRIVER", "/usr/bin/chromedriver");
        assertThat(new File(chromium)).as("Debian's chromium (apt-get install chromium chromium-driver; .ci/run does)")
                .canRead();
        assertThat(new File(driver)).as("Debian's chromedriver (package chromium-driver)").canRead();
        Path profile = Files.createTempDirectory("mooring-console-chromium-");
        ChromeOptions options = new ChromeOptions().setBinary(chromium).addArguments("--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--window-size=1400,1000",
                "--user-data-dir=" + profile);
        ChromeDriver browser = new ChromeDriver(new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(driver)).usingAnyFreePort().build(), options);
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        // The pages render again every few seconds: an element found a moment ago may be gone.
        Awaitility.ignoreExceptionsByDefaultMatching(e -> e instanceof StaleElementReferenceException
                || e instanceof NoSuchElementException);
        Files.createDirectories(SCREENSHOTS);
        return new ConsoleBrowser(browser, console);
    }

    ChromeDriver driver() {
        return driver;
    }

    /** Signs out of any earlier session, then through the development sign-in form as {@code role} of {@code project}. */
    void signIn(String role, String project) {
        signIn(role, project, "");
    }

    /** As {@link #signIn(String, String)}, asking for {@code route}: the console comes back to it once signed in. */
    void signIn(String role, String project, String route) {
        driver.get(console);
        driver.executeScript("sessionStorage.clear()");
        // By way of a blank page: from the console, a route differing by its fragment alone is not loaded again,
        // and the page would keep the earlier user it holds in memory.
        driver.get("about:blank");
        driver.get(console + route);
        await().atMost(PAGE).until(() -> !driver.findElements(By.id("sign-in")).isEmpty());
        assertThat(driver.getCurrentUrl()).contains("/authorize?").contains("code_challenge_method=S256");
        new Select(driver.findElement(By.id("role"))).selectByValue(role);
        WebElement projects = driver.findElement(By.id("projects"));
        projects.clear();
        projects.sendKeys(project);
        driver.findElement(By.id("sign-in")).click();
        await().atMost(PAGE).untilAsserted(() -> assertThat(text(By.id("who"))).contains(role));
        assertThat(driver.getCurrentUrl()).doesNotContain("code=");
    }

    /**
     * Signs in as a user does with a real OpenID Connect provider: opens the console in a browser that has no session
     * yet, follows it to Keycloak's own sign-in page, types the user's name and password there and waits until the
     * console, back from the provider, names the user.
     */
    void signInAtKeycloak(String username, String password) {
        driver.get(console);
        continueSignInAtKeycloak(username, password);
    }

    /** As {@link #signInAtKeycloak}, for a browser already on its way to Keycloak's page (after signing out). */
    void continueSignInAtKeycloak(String username, String password) {
        enterKeycloakPassword(username, password);
        await().atMost(PAGE).untilAsserted(() -> assertThat(text(By.id("who")))
                .as(() -> "signed in as " + username + " on " + driver.getCurrentUrl() + ", which shows: "
                        + text(By.tagName("body")))
                .startsWith(username + " "));
        assertThat(driver.getCurrentUrl()).startsWith(console).doesNotContain("code=").doesNotContain("state=");
    }

    /**
     * Waits for Keycloak's sign-in form (the browser is on its way there), fills it in and submits it. A page that
     * asks for the device's user code first (a device sign-in opened without its code) gets it submitted as filled.
     */
    void enterKeycloakPassword(String username, String password) {
        await().atMost(PAGE).untilAsserted(() -> {
            if (driver.findElements(By.id("username")).isEmpty() && !driver.findElements(By.id("device-user-code"))
                    .isEmpty()) {
                driver.findElement(By.id("kc-login")).click();
            }
            assertThat(driver.findElements(By.id("username")))
                    .as(() -> "Keycloak's sign-in form on " + driver.getCurrentUrl() + ", which shows: "
                            + text(By.tagName("body")))
                    .isNotEmpty();
        });
        WebElement user = driver.findElement(By.id("username"));
        user.clear();
        user.sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("kc-login")).click();
    }

    /**
     * On Keycloak's consent page (which its device sign-in always shows: the user confirms that the device asking
     * is theirs), clicks Yes or No.
     */
    void answerKeycloakConsent(boolean grant) {
        await().atMost(PAGE).untilAsserted(() -> assertThat(driver.findElements(By.id("kc-cancel")))
                .as(() -> "Keycloak's consent page on " + driver.getCurrentUrl() + ", which shows: "
                        + text(By.tagName("body")))
                .isNotEmpty());
        driver.findElement(By.id(grant ? "kc-login" : "kc-cancel")).click();
    }

    /**
     * Clicks an element scrolled to the middle of the window at once: Bootstrap makes scrolling smooth, and a click
     * while the page still moves lands elsewhere (chromedriver's "element click intercepted").
     */
    void click(By by) {
        WebElement element = driver.findElement(by);
        driver.executeScript("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", element);
        element.click();
    }

    /** Waits until {@code by} is on the page; if it does not come, the failure says what the page shows instead. */
    void waitFor(By by) {
        await().atMost(PAGE).untilAsserted(() -> assertThat(driver.findElements(by))
                .as(() -> by + " on " + driver.getCurrentUrl() + ", which shows: " + text(By.id("main")))
                .isNotEmpty());
    }

    /** The element's text, or "" when there is none; read again when the page re-rendered it meanwhile. */
    String text(By by) {
        for (int attempt = 0; ; attempt++) {
            try {
                List<WebElement> found = driver.findElements(by);
                return found.isEmpty() ? "" : found.get(0).getText();
            } catch (StaleElementReferenceException e) {
                if (attempt == 5) {
                    throw e;
                }
            }
        }
    }

    /**
     * Empties the browser's HTTP cache (through the DevTools protocol), so that the next load fetches every file
     * again, as a first visit does; the signed-in session (sessionStorage) stays.
     */
    void clearHttpCache() {
        driver.executeCdpCommand("Network.clearBrowserCache", Map.of());
    }

    /**
     * Loads {@code route} as a new document (by way of about:blank, so a change of hash alone cannot keep the old
     * page), waits until the page has set each of the user-timing {@code marks}, and returns what the browser
     * recorded of that load: the marks' times since navigation start, the navigation's own timing, and every request
     * (Resource Timing: name, start and end since navigation start, transfer size), as JSON text. Gives up after
     * {@link #PAGE}.
     */
    String timedLoad(String route, String... marks) {
        driver.get("about:blank");
        driver.get(console + route);
        Object result = driver.executeAsyncScript("""
                const [marks, timeout, done] = arguments;
                const started = Date.now();
                const poll = () => {
                  if (marks.every((m) => performance.getEntriesByName(m, 'mark').length > 0)) {
                    const nav = performance.getEntriesByType('navigation')[0];
                    done(JSON.stringify({
                      marks: Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime])),
                      navigation: { responseEnd: nav.responseEnd, domContentLoaded: nav.domContentLoadedEventEnd },
                      resources: performance.getEntriesByType('resource').map((r) => ({ name: r.name,
                        start: r.startTime, end: r.responseEnd, bytes: r.transferSize })),
                    }));
                  } else if (Date.now() - started > timeout) {
                    done(JSON.stringify({ error: 'not every mark of ' + marks + ' after ' + timeout + ' ms' }));
                  } else {
                    setTimeout(poll, 10);
                  }
                };
                poll();""", List.of(marks), PAGE.toMillis());
        return (String) result;
    }

    void screenshot(String name) throws IOException {
        Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    }

    /** Runs axe-core on the page as it is: no violation of serious or critical impact. */
    void assertAccessible(String page) throws IOException {
        JavascriptExecutor js = driver;
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
        try (InputStream in = ConsoleBrowser.class
                .getResourceAsStream("/META-INF/maven/org.webjars.npm/axe-core/pom.properties")) {
            pom.load(in);
        }
        try (InputStream in = ConsoleBrowser.class.getResourceAsStream(
                "/META-INF/resources/webjars/axe-core/" + pom.getProperty("version") + "/axe.min.js")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() {
        Awaitility.reset();
        driver.quit();
    }
}
