package io.mooring.localstack;

import static io.mooring.localstack.ConsoleBrowser.PAGE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The console's Alerts page in a real browser: an operator creates a webhook pointing at a receiver in this test,
 * sees its signing secret once, disables and enables it, is told next to the field what the API finds wrong with a
 * rule, creates rules of several kinds; a cluster of the project is deleted and the deletion alert reaches the
 * receiver, signed with that secret, shows in the endpoint's delivery log and is redelivered from it with the same
 * webhook-id. A rule retargeted from its row sends its next alert to the newly chosen webhook only. A viewer reads
 * the same page without a button. Every page is checked with axe-core and saved as a
 * screenshot into docs/console/.
 *
 * <p>A stack of its own rather than the shared one: the receiver is on loopback over plain http, which
 * notification-service refuses unless told otherwise, and the shared stack keeps its default policy (CliEndToEndTest
 * checks the refusal there).
 */
class ConsoleAlertsEndToEndTest {

    private static final String DATABASES = "mooring_console_alerts_" + Long.toHexString(System.nanoTime());
    private static final Duration ALERT = Duration.ofSeconds(90);

    private static LocalStack stack;
    private static PlatformClient admin;
    private static ConsoleBrowser ui;
    private static WebhookReceiver receiver;

    @BeforeAll
    static void start() throws Exception {
        receiver = WebhookReceiver.start();
        int gateway = FreePorts.one();
        Path data = Files.createTempDirectory("mooring-console-alerts-");
        Path repo = Path.of("..").toAbsolutePath().normalize();
        stack = new LocalStack(new StackOptions(repo, data, gateway, FreePorts.blockOfSix(), FreePorts.one(), 240,
                List.of(), List.of(), DATABASES, false));
        WebhookReceiver.allowIn(stack);
        stack.start();
        admin = new PlatformClient("http://127.0.0.1:" + gateway, stack.adminToken());
        ui = ConsoleBrowser.start("http://localhost:" + gateway + "/");
    }

    @AfterAll
    static void stop() {
        if (ui != null) {
            ui.close();
        }
        if (stack != null) {
            stack.stop();
            stack.dropDatabases();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void anOperatorSetsUpAWebhookAndRulesSeesTheSecretOnceAndTheDeletionAlertDeliveredAndRedelivered()
            throws Exception {
        String project = "alerts-ops";
        JsonNode doomed = admin.post("/api/v1/clusters", Map.of("name", "alerts-doomed", "project", project,
                "cloudType", "generic", "importMode", "read-only"), 201);
        String doomedId = doomed.path("cluster").path("id").asText();

        ui.signIn("operator", project);
        ui.click(By.id("nav-alerts"));
        ui.waitFor(By.id("no-webhooks"));
        ui.waitFor(By.id("no-rules"));
        assertThat(ui.text(By.id("no-rules"))).contains("No rule yet");
        ui.assertAccessible("alerts of a project without any");

        // The webhook: its secret is on the page once, with a warning and a copy button.
        ui.click(By.id("webhook-open"));
        type(By.id("w-name"), "on-call");
        type(By.id("w-url"), receiver.url());
        new Select(ui.driver().findElement(By.id("w-format"))).selectByValue("cloudevents");
        ui.assertAccessible("new webhook form");
        ui.click(By.id("webhook-submit"));
        ui.waitFor(By.id("secret-value"));
        String secret = ui.text(By.id("secret-value"));
        assertThat(secret).startsWith("whsec_");
        assertThat(ui.text(By.id("secret-title"))).contains("on-call", "shown only this once");
        ui.click(By.id("copy-secret"));
        await().atMost(PAGE).untilAsserted(() -> assertThat(ui.text(By.id("copy-status"))).isNotEmpty());
        assertThat(ui.text(By.cssSelector("tr[data-webhook='on-call']"))).contains("cloudevents", "Enabled");
        ui.assertAccessible("alerts with a new webhook's secret");
        ui.screenshot("alerts-webhook-secret");
        ui.click(By.id("secret-stored"));
        assertThat(ui.driver().findElements(By.id("secret-value"))).isEmpty();
        ui.driver().navigate().refresh();
        ui.waitFor(By.cssSelector("tr[data-webhook='on-call']"));
        assertThat(ui.driver().getPageSource()).doesNotContain(secret).doesNotContain("whsec_");

        // Disabled on purpose, the reason names who did it; enabled again.
        ui.click(By.cssSelector("tr[data-webhook='on-call'] button.disable-webhook"));
        await().atMost(PAGE).untilAsserted(() -> assertThat(ui.text(By.cssSelector("tr[data-webhook='on-call'] .state")))
                .contains("Disabled", "Disabled by"));
        assertThat(ui.text(By.id("webhook-changed"))).contains("on-call disabled");
        ui.assertAccessible("alerts with a disabled webhook");
        ui.click(By.cssSelector("tr[data-webhook='on-call'] button.enable-webhook"));
        await().atMost(PAGE).untilAsserted(() -> assertThat(ui.text(By.cssSelector("tr[data-webhook='on-call'] .state")))
                .isEqualTo("Enabled"));

        // A rule the API refuses: its reason is next to the field, which is marked invalid.
        ui.click(By.id("rule-open"));
        type(By.id("r-name"), "doomed clusters");
        new Select(ui.driver().findElement(By.id("r-trigger"))).selectByValue("health");
        WebElement quiet = ui.driver().findElement(By.id("r-quiet"));
        quiet.clear();
        quiet.sendKeys("ten minutes");
        assertThat(ui.text(By.id("r-targets"))).contains("every enabled webhook of the project (on-call)");
        ui.click(By.id("rule-submit"));
        await().atMost(PAGE).untilAsserted(() -> assertThat(ui.text(By.id("r-quiet-error"))).contains("ISO-8601"));
        assertThat(quiet.getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat(quiet.getDomAttribute("aria-describedby")).contains("r-quiet-error");
        ui.assertAccessible("new rule form with the API's refusal");
        ui.screenshot("alerts-rule-refused");

        // The deletion rule (no quiet period: a deletion is told once), then a project budget.
        new Select(ui.driver().findElement(By.id("r-trigger"))).selectByValue("deletion");
        assertThat(ui.driver().findElement(By.id("r-quiet")).isDisplayed()).isFalse();
        ui.click(By.id("rule-submit"));
        ui.waitFor(By.cssSelector("tr[data-rule='doomed clusters']"));
        assertThat(ui.text(By.cssSelector("tr[data-rule='doomed clusters']"))).contains("Deletion",
                "every cluster of the project", "every enabled webhook");
        ui.click(By.id("rule-open"));
        type(By.id("r-name"), "monthly budget");
        new Select(ui.driver().findElement(By.id("r-trigger"))).selectByValue("budget");
        type(By.id("r-amount"), "500");
        // Routed to one webhook: its row names it.
        ui.click(By.cssSelector("input[name='webhooks'][data-webhook='on-call']"));
        ui.click(By.id("rule-submit"));
        ui.waitFor(By.cssSelector("tr[data-rule='monthly budget']"));
        assertThat(ui.text(By.cssSelector("tr[data-rule='monthly budget'] .targets"))).isEqualTo("on-call");
        assertThat(ui.text(By.cssSelector("tr[data-rule='monthly budget']"))).contains("Budget", "500",
                "a month, at 80, 100 %");

        // The alert: the cluster is deleted, the receiver gets it signed, the log shows it delivered.
        admin.delete("/api/v1/clusters/" + doomedId);
        await().atMost(ALERT).until(() -> deletions(project).size() >= 1);
        WebhookReceiver.Received alert = deletions(project).get(0);
        assertThat(alert.event().path("subject").asText()).isEqualTo(doomedId);
        assertThat(alert.event().path("data").path("rule").asText()).isEqualTo("doomed clusters");
        assertThat(alert.signature()).isEqualTo(WebhookReceiver.sign(secret, alert));

        ui.click(By.cssSelector("tr[data-webhook='on-call'] a"));
        By delivery = By.cssSelector("#deliveries tbody tr[data-delivery]");
        await().atMost(PAGE).untilAsserted(() -> assertThat(ui.text(delivery))
                .contains("io.mooring.alert.deletion.v1", alert.id(), "delivered", "204", " ms"));
        assertThat(ui.text(By.id("deliveries-title"))).isEqualTo("Delivery log of on-call");
        ui.assertAccessible("a webhook's delivery log");
        ui.screenshot("alerts");

        ui.click(By.cssSelector("#deliveries button.redeliver"));
        await().atMost(PAGE).untilAsserted(() -> assertThat(ui.text(By.id("redelivered"))).contains("queued again"));
        await().atMost(ALERT).until(() -> deletions(project).size() >= 2);
        WebhookReceiver.Received again = deletions(project).get(1);
        assertThat(again.id()).isEqualTo(alert.id());
        assertThat(again.body()).isEqualTo(alert.body());
        assertThat(again.signature()).isEqualTo(WebhookReceiver.sign(secret, again));
        await().atMost(PAGE).untilAsserted(() -> assertThat(ui.text(delivery)).contains("1 redelivered", "delivered"));

        // Rotation: the new secret is shown once, and the old one keeps signing beside it for the grace period.
        By rotate = By.cssSelector("tr[data-webhook='on-call'] button.rotate-secret");
        ui.click(rotate);
        assertThat(ui.text(rotate)).contains("old secret signs 24 h more");
        ui.click(rotate);
        ui.waitFor(By.id("secret-value"));
        String rotated = ui.text(By.id("secret-value"));
        assertThat(rotated).startsWith("whsec_").isNotEqualTo(secret);
        assertThat(ui.text(By.id("secret-title"))).contains("new signing secret of on-call");
        assertThat(ui.text(By.id("previous-secret"))).contains("signed with both secrets");
        ui.assertAccessible("alerts with a rotated secret");
        ui.click(By.id("secret-stored"));
        ui.click(By.cssSelector("#deliveries button.redeliver"));
        await().atMost(ALERT).until(() -> deletions(project).size() >= 3);
        WebhookReceiver.Received signedTwice = deletions(project).get(2);
        assertThat(signedTwice.signature().split(" "))
                .containsExactly(WebhookReceiver.sign(rotated, signedTwice), WebhookReceiver.sign(secret, signedTwice));

        // Deleting is two clicks: the first says what the second does.
        ui.click(By.cssSelector("tr[data-rule='monthly budget'] button.delete-rule"));
        assertThat(ui.text(By.cssSelector("tr[data-rule='monthly budget'] button.delete-rule")))
                .contains("no more alerts");
        ui.click(By.cssSelector("tr[data-rule='monthly budget'] button.delete-rule"));
        await().atMost(PAGE).until(() -> ui.driver().findElements(By.cssSelector("tr[data-rule='monthly budget']"))
                .isEmpty());
        assertThat(admin.get("/api/v1/notification-rules?project=" + project).path("items")).hasSize(1);
    }

    @Test
    void anOperatorRetargetsARuleAndItsNextAlertGoesToTheNewlyChosenWebhookOnly() throws Exception {
        String project = "alerts-retarget";
        String doomedId = admin.post("/api/v1/clusters", Map.of("name", "retarget-doomed", "project", project,
                "cloudType", "generic", "importMode", "read-only"), 201).path("cluster").path("id").asText();
        try (WebhookReceiver finance = WebhookReceiver.start()) {
            String onCall = admin.post("/api/v1/webhooks", Map.of("project", project, "name", "on-call",
                    "url", receiver.url(), "format", "cloudevents"), 201).path("id").asText();
            admin.post("/api/v1/webhooks", Map.of("project", project, "name", "finance", "url", finance.url(),
                    "format", "cloudevents"), 201);
            String ruleId = admin.post("/api/v1/notification-rules", Map.of("project", project, "name",
                    "deleted clusters", "trigger", "deletion", "webhooks", List.of(onCall)), 201).path("id").asText();

            ui.signIn("operator", project, "#/alerts/" + project);
            By row = By.cssSelector("tr[data-rule='deleted clusters']");
            ui.waitFor(row);
            assertThat(ui.text(By.cssSelector("tr[data-rule='deleted clusters'] .targets"))).isEqualTo("on-call");

            // The form opens filled in; what the rule watches is shown, not changeable.
            ui.click(By.cssSelector("tr[data-rule='deleted clusters'] button.edit-rule"));
            ui.waitFor(By.id("rule-form"));
            assertThat(ui.text(By.id("rule-form-title"))).isEqualTo("Change rule deleted clusters");
            assertThat(ui.driver().findElement(By.id("r-trigger")).isEnabled()).isFalse();
            assertThat(ui.driver().findElement(By.id("r-name")).getDomProperty("value")).isEqualTo("deleted clusters");
            By onCallBox = By.cssSelector("input[name='webhooks'][data-webhook='on-call']");
            By financeBox = By.cssSelector("input[name='webhooks'][data-webhook='finance']");
            assertThat(ui.driver().findElement(onCallBox).isSelected()).isTrue();
            ui.click(onCallBox);
            ui.click(financeBox);
            ui.assertAccessible("a rule's change form");
            ui.screenshot("alerts-rule-edit");
            ui.click(By.id("rule-submit"));
            await().atMost(PAGE).untilAsserted(() -> assertThat(ui.text(By.id("rule-done"))).contains("changed"));
            assertThat(ui.text(By.cssSelector("tr[data-rule='deleted clusters'] .targets"))).isEqualTo("finance");
            // Changed in place: the same rule, not a new one.
            assertThat(admin.get("/api/v1/notification-rules/" + ruleId).path("allWebhooks").asBoolean()).isFalse();

            admin.delete("/api/v1/clusters/" + doomedId);
            await().atMost(ALERT).until(() -> finance.received().stream().anyMatch(r -> doomedId.equals(
                    r.event().path("subject").asText())));
            // Anything wrongly queued for on-call would be sent within a run or two of the delivery job.
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6))
                    .until(() -> deletions(project).isEmpty());
            assertThat(finance.received().get(0).event().path("data").path("ruleId").asText()).isEqualTo(ruleId);
        }
    }

    @Test
    void aViewerReadsTheRulesWebhooksAndDeliveryLogWithoutAnyButton() throws Exception {
        String project = "alerts-audit";
        admin.post("/api/v1/notification-rules", Map.of("project", project, "name", "audit health",
                "trigger", "health", "quietPeriod", "PT5M"), 201);
        JsonNode hook = admin.post("/api/v1/webhooks", Map.of("project", project, "name", "audit-hook",
                "url", receiver.url(), "format", "slack"), 201);

        ui.signIn("viewer", project, "#/alerts/" + project);
        ui.waitFor(By.cssSelector("tr[data-webhook='audit-hook']"));
        // Rules are drawn after webhooks (a row names the webhooks its rule goes to).
        ui.waitFor(By.cssSelector("tr[data-rule='audit health']"));
        assertThat(ui.text(By.cssSelector("tr[data-rule='audit health']"))).contains("Health", "PT5M",
                "every enabled webhook");
        assertThat(ui.text(By.cssSelector("tr[data-webhook='audit-hook']"))).contains("slack", "Enabled");
        assertThat(ui.driver().findElements(By.cssSelector("#main button"))).isEmpty();
        assertThat(ui.driver().findElements(By.cssSelector("#main form"))).isEmpty();
        ui.assertAccessible("alerts as a viewer");

        ui.click(By.cssSelector("tr[data-webhook='audit-hook'] a"));
        ui.waitFor(By.id("no-deliveries"));
        assertThat(ui.driver().getCurrentUrl()).endsWith("#/alerts/" + project + "/webhooks/"
                + hook.path("id").asText());
        assertThat(ui.driver().findElements(By.cssSelector("#main button"))).isEmpty();
        ui.assertAccessible("a webhook's delivery log as a viewer");
        ui.screenshot("alerts-viewer");
    }

    private static void type(By by, String text) {
        WebElement field = ui.driver().findElement(by);
        field.clear();
        field.sendKeys(text);
    }

    private static List<WebhookReceiver.Received> deletions(String project) {
        return receiver.received().stream().filter(r -> "io.mooring.alert.deletion.v1".equals(r.event().path("type").asText())
                && project.equals(r.event().path("data").path("project").asText())).toList();
    }
}
