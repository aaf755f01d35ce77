package io.mooring.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.mooring.simulator.Provider;
import io.mooring.simulator.SimulatedCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

/**
 * The web console in a real browser (Debian's headless chromium, driven through chromedriver) against the local
 * stack, as a user works: signing in through the stack's development sign-in (authorization code with PKCE),
 * importing a cluster through the wizard and seeing it reach Running once its agent runs, then Degraded when a node
 * goes NotReady (without reloading the fleet page) and in its timeline, asking for its migration to
 * full permission, and a viewer who sees no write action; then a cluster's inventory, its events arriving live, its
 * cost as a chart and as the API's CSV downloaded, the fleet row's health, event-rate sparkline and month's cost
 * (from one request each per page, counted from the browser's Resource Timing record), a profile attached on a full-permission cluster and refused with
 * the API's reason on a read-only one, the profile catalogue, and an admin's deletion. Every page it visits is checked with axe-core (no serious or critical violation), and the pages are
 * saved as screenshots into docs/console/ for the README.
 */
@ExtendWith(SharedStack.class)
class ConsoleEndToEndTest {

    private static final Duration PAGE = ConsoleBrowser.PAGE;
    private static final Duration AGENT = Duration.ofMinutes(4);

    private static LocalStack stack;
    private static int gateway;
    private static String console;
    private static ConsoleBrowser ui;
    private static ChromeDriver browser;

    @BeforeAll
    static void startBrowser(SharedStack.Running running) throws Exception {
        stack = running.stack();
        gateway = running.gatewayPort();
        console = "http://localhost:" + gateway + "/";

        ui = ConsoleBrowser.start(console);
        browser = ui.driver();
    }

    @AfterAll
    static void stopAll() {
        if (ui != null) {
            ui.close();
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
        // The fleet by provider counts what the agents detected, the new cluster's EKS among them.
        await().atMost(PAGE).untilAsserted(() -> assertThat(browser.findElement(By.id("provider-chart"))
                .getDomAttribute("aria-label")).startsWith("Clusters by detected provider: ")
                .containsPattern("\\beks [1-9]"));

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
    void anOperatorSeesTheClustersEventsInventoryAndCostChartDownloadsTheCsvAndAttachesAProfileAReadOnlyOneRefuses()
            throws Exception {
        PlatformClient admin = new PlatformClient("http://127.0.0.1:" + gateway, stack.adminToken());
        admin.post("/api/v1/addon-profiles", Map.of("name", "console-basics", "version", "1.0.0", "type", "add-on",
                "description", "A ConfigMap, attached from the console",
                "layers", List.of(Map.of("name", "settings", "namespace", "console-e2e", "manifests", """
                        apiVersion: v1
                        kind: ConfigMap
                        metadata:
                          name: console-settings
                        data:
                          colour: green
                        """))), 201);
        JsonNode full = admin.post("/api/v1/clusters", Map.of("name", "console-full", "project", "console-ops",
                "cloudType", "aks", "importMode", "full-permission"), 201);
        String fullId = full.path("cluster").path("id").asText();
        JsonNode readOnly = admin.post("/api/v1/clusters", Map.of("name", "console-ro", "project", "console-ops",
                "cloudType", "generic", "importMode", "read-only"), 201);
        String readOnlyId = readOnly.path("cluster").path("id").asText();
        SimulatedCluster cluster = stack.importByManifest("console-full", Provider.AKS,
                full.path("importCommand").path("manifestUrl").asText());

        signIn("operator", "console-ops");
        browser.get(console + "#/clusters/" + fullId + "/inventory");
        await().atMost(AGENT).untilAsserted(() -> {
            browser.navigate().refresh();
            await().atMost(PAGE).until(() -> !browser.findElements(By.id("nodes")).isEmpty()
                    || !browser.findElements(By.id("no-inventory")).isEmpty());
            assertThat(text(By.id("nodes"))).contains(cluster.nodeNames().get(0), "Ready: True", "cores", "GiB");
        });
        assertThat(text(By.id("namespaces"))).contains(cluster.applicationNamespaces().get(0));
        assertAccessible("cluster inventory");
        screenshot("cluster-inventory");

        // Events: Warning only, then a new warning shows without reloading, brought by the live stream.
        click(By.id("tab-events"));
        await().atMost(PAGE).until(() -> !browser.findElements(By.id("event-filters")).isEmpty());
        new Select(browser.findElement(By.id("e-type"))).selectByValue("Warning");
        click(By.cssSelector("#event-filters button[type='submit']"));
        await().atMost(PAGE).untilAsserted(() -> assertThat(text(By.id("live-state"))).startsWith("Live"));
        String warned = cluster.warningBurst(1).get(0).getInvolvedObject().getName();
        await().atMost(AGENT).untilAsserted(() -> assertThat(text(By.cssSelector("#events tbody"))).contains(warned));
        assertThat(text(By.cssSelector("#events tbody"))).doesNotContain("Normal");
        assertAccessible("cluster events");
        screenshot("cluster-events");

        // Cost accrues between two inventories: the workloads scale until the namespace has a cost.
        click(By.id("tab-cost"));
        await().atMost(PAGE).until(() -> !browser.findElements(By.id("cost-form")).isEmpty());
        String namespace = cluster.applicationNamespaces().get(0);
        new Select(browser.findElement(By.id("c-window"))).selectByValue("24h");
        await().atMost(AGENT).pollInterval(Duration.ofSeconds(5)).untilAsserted(() -> {
            String deployment = cluster.client().apps().deployments().inNamespace(namespace).list().getItems().get(0)
                    .getMetadata().getName();
            cluster.scaleWorkload(namespace, deployment, (int) (System.nanoTime() % 3) + 1);
            click(By.id("cost-apply"));
            assertThat(text(By.cssSelector("#cost-table tbody"))).contains(namespace);
        });
        assertThat(text(By.id("cost-summary"))).startsWith("Total");
        @SuppressWarnings("unchecked")
        List<String> charted = (List<String>) browser.executeScript("return echarts.getInstanceByDom("
                + "document.getElementById('cost-chart')).getOption().yAxis[0].data");
        assertThat(charted).contains(namespace);
        assertThat(browser.findElements(By.cssSelector("#cost-chart canvas"))).isNotEmpty();
        assertAccessible("cluster cost");
        screenshot("cluster-cost");

        Path downloads = Files.createTempDirectory("mooring-console-downloads-");
        browser.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow",
                "downloadPath", downloads.toString()));
        click(By.id("cost-csv"));
        Path csv = downloads.resolve("console-full-cost.csv");
        await().atMost(PAGE).until(() -> Files.exists(csv));
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).startsWith("start,end,name");
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("," + namespace + ","));

        // The fleet page: the row's health, its event rate (the warning above) as a sparkline, and this month's cost.
        click(By.id("nav-fleet"));
        By fullRow = By.cssSelector("tr[data-cluster='console-full']");
        await().atMost(AGENT).untilAsserted(() -> {
            WebElement row = browser.findElement(fullRow);
            assertThat(row.findElement(By.cssSelector(".health")).getText()).isIn("Healthy", "Degraded", "Unhealthy");
            WebElement sparkline = row.findElement(By.cssSelector(".events svg"));
            assertThat(Integer.parseInt(sparkline.getDomAttribute("data-total"))).isPositive();
            assertThat(sparkline.getDomAttribute("aria-label")).startsWith("Event-log entries per hour");
            assertThat(row.findElement(By.cssSelector(".cost")).getText()).containsPattern("\\d");
        });
        assertAccessible("fleet with event rates and cost");
        // Each refresh asks for the page, then its rows' health and cost once, whatever the number of rows: the
        // browser's own record of its requests (Resource Timing) holds no per-cluster health request, and one rows
        // request per page request (give or take the refresh under way when the record was cleared).
        browser.executeScript("performance.clearResourceTimings()");
        await().atMost(PAGE).until(() -> requests("/api/v1/clusters?").size() >= 3);
        List<String> requests = requests("/api/v1/").stream()
                .filter(r -> r.contains("/api/v1/clusters") || r.contains("/api/v1/fleet/")).toList();
        long pages = requests.stream().filter(r -> r.contains("/api/v1/clusters?")).count();
        long rows = requests.stream().filter(r -> r.contains("/api/v1/fleet/health/clusters?")).count();
        long costs = requests.stream().filter(r -> r.contains("/api/v1/fleet/cost?")).count();
        System.out.printf("Fleet page: %d requests in %d refreshes (%d rows requests, %d cost requests)%n",
                requests.size(), pages, rows, costs);
        assertThat(requests).noneMatch(r -> r.matches(".*/api/v1/clusters/[^/?]+/health.*"));
        assertThat(rows).isBetween(pages - 1, pages + 1);
        assertThat(costs).isLessThanOrEqualTo(pages + 1);
        assertThat((long) requests.size()).as("requests of %d refreshes: %s", pages, requests)
                .isLessThanOrEqualTo(4 * (pages + 1));

        // Add-ons: attached on the full-permission cluster, deployed by its agent.
        browser.get(console + "#/clusters/" + fullId);
        await().atMost(PAGE).until(() -> !browser.findElements(By.id("tab-addons")).isEmpty());
        click(By.id("tab-addons"));
        await().atMost(PAGE).until(() -> !browser.findElements(By.cssSelector("#a-version option")).isEmpty());
        new Select(browser.findElement(By.id("a-profile"))).selectByValue("console-basics");
        click(By.id("attach-submit"));
        await().atMost(PAGE).untilAsserted(() -> assertThat(text(By.id("attach-done")))
                .contains("console-basics 1.0.0 attached"));
        await().atMost(AGENT).untilAsserted(() -> assertThat(text(By.cssSelector("[data-attachment='console-basics']")))
                .contains("settings").contains("Deployed"));
        assertThat(cluster.client().configMaps().inNamespace("console-e2e").withName("console-settings").get()
                .getData()).containsEntry("colour", "green");
        assertAccessible("cluster add-ons");
        screenshot("cluster-addons");

        // The read-only cluster: the console sends the attach and shows why the API refuses it.
        browser.get(console + "#/clusters/" + readOnlyId + "/addons");
        await().atMost(PAGE).until(() -> !browser.findElements(By.cssSelector("#a-version option")).isEmpty());
        assertThat(text(By.id("addons-mode"))).contains("read-only");
        await().atMost(PAGE).untilAsserted(() -> {
            new Select(browser.findElement(By.id("a-profile"))).selectByValue("console-basics");
            click(By.id("attach-submit"));
            assertThat(text(By.id("attach-result"))).contains("requires full-permission mode");
        });
        assertAccessible("read-only cluster add-ons with the refusal");
        screenshot("cluster-addons-refused");

        // The catalogue: versions, layers and, for an operator, the rendered output and publishing.
        click(By.id("nav-profiles"));
        await().atMost(PAGE).until(() -> !browser.findElements(By.cssSelector("[data-profile='console-basics']")).isEmpty());
        click(By.cssSelector("[data-profile='console-basics']"));
        await().atMost(PAGE).untilAsserted(() -> assertThat(text(By.id("layers"))).contains("settings", "console-e2e",
                "ConfigMap console-e2e/console-settings"));
        click(By.id("show-rendered"));
        await().atMost(PAGE).untilAsserted(() -> assertThat(text(By.id("rendered"))).contains("console-settings", "green"));
        click(By.id("publish-open"));
        WebElement version = browser.findElement(By.id("p-version"));
        assertThat(version.getDomProperty("value")).isEqualTo("1.0.1");
        assertAccessible("add-on profiles with the publish form");
        click(By.id("publish-submit"));
        await().atMost(PAGE).untilAsserted(() -> assertThat(browser.getCurrentUrl()).endsWith("#/profiles/console-basics/1.0.1"));
        await().atMost(PAGE).untilAsserted(() -> assertThat(text(By.id("versions"))).contains("1.0.0", "1.0.1"));
        assertAccessible("add-on profiles");
        screenshot("profiles");

        // Deletion is an admin's: the dialog says what happens to the agent and what stays, then the cleanup command.
        // Meanwhile another tab follows the cluster's events live: the deletion ends that stream, and the tab says so.
        signIn("admin", "console-ops");
        browser.get(console + "#/clusters/" + readOnlyId);
        await().atMost(PAGE).until(() -> !browser.findElements(By.id("tab-events")).isEmpty());
        click(By.id("tab-events"));
        await().atMost(PAGE).untilAsserted(() -> assertThat(text(By.id("live-state"))).startsWith("Live"));
        String eventsTab = browser.getWindowHandle();
        browser.switchTo().newWindow(WindowType.TAB);
        signIn("admin", "console-ops");
        browser.get(console + "#/clusters/" + readOnlyId);
        await().atMost(PAGE).until(() -> !browser.findElements(By.id("delete")).isEmpty());
        click(By.id("delete"));
        await().atMost(PAGE).until(() -> browser.findElement(By.id("delete-dialog")).isDisplayed());
        assertThat(text(By.id("delete-dialog"))).contains("never connected", "Force delete",
                "your workloads, namespaces and add-ons' objects are never touched");
        assertAccessible("cluster deletion dialog");
        screenshot("cluster-delete");
        click(By.id("delete-confirm"));
        await().atMost(PAGE).untilAsserted(() -> assertThat(text(By.id("cleanup-command")))
                .startsWith("kubectl delete"));
        assertThat(text(By.id("delete-result"))).contains("deleted");
        assertThat(admin.get("/api/v1/clusters?project=console-ops&name=console-ro").path("items")).isEmpty();
        browser.close();
        browser.switchTo().window(eventsTab);
        await().atMost(AGENT).untilAsserted(() -> assertThat(text(By.id("live-state")))
                .startsWith("Deleted").contains("no longer changes"));
    }

    /** The addresses the page has asked for since the record was last cleared that contain {@code part}. */
    @SuppressWarnings("unchecked")
    private static List<String> requests(String part) {
        return ((List<Object>) browser.executeScript("return performance.getEntriesByType('resource')"
                + ".map(e => e.name)")).stream().map(String::valueOf).filter(n -> n.contains(part)).toList();
    }

    @Test
    void aViewerSeesNoWriteActionAndAUserOfAnotherProjectSeesNothingOfThisOne() throws Exception {
        PlatformClient admin = new PlatformClient("http://127.0.0.1:" + gateway, stack.adminToken());
        admin.post("/api/v1/clusters", Map.<String, Object>of("name", "viewed", "project", "audit",
                "cloudType", "generic", "importMode", "read-only"), 201);
        admin.post("/api/v1/addon-profiles", Map.of("name", "console-viewed", "version", "1.0.0", "type", "add-on",
                "layers", List.of(Map.of("name", "notes", "namespace", "audit", "manifests", """
                        apiVersion: v1
                        kind: ConfigMap
                        metadata:
                          name: audit-notes
                        data:
                          note: read me
                        """))), 201);

        signIn("viewer", "audit");
        await().atMost(PAGE).untilAsserted(() -> assertThat(text(By.cssSelector("#clusters tbody"))).contains("viewed"));
        assertThat(browser.findElements(By.id("import-button"))).isEmpty();
        assertThat(browser.findElement(By.id("nav-import")).isDisplayed()).isFalse();
        assertThat(text(By.id("who"))).contains("viewer");
        // The name search and the sort are the API's: a part of the name, typed in any case.
        browser.findElement(By.id("f-name")).sendKeys("nothing-like-it");
        click(By.cssSelector("#filters button[type='submit']"));
        await().atMost(PAGE).untilAsserted(() ->
                assertThat(text(By.cssSelector("#clusters tbody"))).contains("No cluster matches"));
        browser.findElement(By.id("f-name")).clear();
        browser.findElement(By.id("f-name")).sendKeys("VIEW");
        new Select(browser.findElement(By.id("f-sort"))).selectByValue("-name");
        click(By.cssSelector("#filters button[type='submit']"));
        await().atMost(PAGE).untilAsserted(() -> assertThat(text(By.cssSelector("#clusters tbody"))).contains("viewed"));
        browser.findElement(By.linkText("viewed")).click();
        await().atMost(PAGE).until(() -> !browser.findElements(By.id("overview-title")).isEmpty());
        assertThat(browser.findElements(By.id("cluster-actions"))).isEmpty();
        assertThat(browser.findElements(By.id("delete"))).isEmpty();
        assertAccessible("cluster overview as a viewer");
        // The new pages: everything to read, no button the API would refuse.
        click(By.id("tab-addons"));
        await().atMost(PAGE).until(() -> !browser.findElements(By.id("no-attachments")).isEmpty());
        assertThat(browser.findElements(By.id("attach-form"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("#main button"))).isEmpty();
        assertAccessible("cluster add-ons as a viewer");
        click(By.id("tab-events"));
        await().atMost(PAGE).until(() -> !browser.findElements(By.id("events")).isEmpty());
        assertThat(browser.findElements(By.cssSelector("#main button")))
                .allSatisfy(b -> assertThat(b.getText()).isIn("Apply", "Older events", ""));
        click(By.id("tab-cost"));
        await().atMost(PAGE).until(() -> !browser.findElements(By.id("cost-table")).isEmpty());
        assertThat(browser.findElements(By.cssSelector("#main button")))
                .allSatisfy(b -> assertThat(b.getText()).isIn("Show", "Download CSV"));
        browser.get(console + "#/profiles/console-viewed");
        await().atMost(PAGE).untilAsserted(() -> assertThat(text(By.id("layers"))).contains("notes", "audit-notes"));
        assertThat(browser.findElements(By.id("publish-open"))).isEmpty();
        assertThat(browser.findElements(By.id("show-rendered"))).isEmpty();
        assertAccessible("add-on profiles as a viewer");
        screenshot("profiles-viewer");
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

    private static void signIn(String role, String project) {
        ui.signIn(role, project);
    }

    private static void click(By by) {
        ui.click(by);
    }

    private static String health(By row) {
        return browser.findElement(row).findElement(By.cssSelector(".health")).getText();
    }

    private static String text(By by) {
        return ui.text(by);
    }

    private static void screenshot(String name) throws IOException {
        ui.screenshot(name);
    }

    private static void assertAccessible(String page) throws IOException {
        ui.assertAccessible(page);
    }
}
