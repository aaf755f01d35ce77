package io.mooring.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mooring.cli.Environment;
import io.mooring.cli.ExitCodes;
import io.mooring.cli.MooringCli;
import io.mooring.simulator.Kubectl;
import io.mooring.simulator.Mode;
import io.mooring.simulator.Provider;
import io.mooring.simulator.SimulatedCluster;
import io.mooring.simulator.SimulatedKubelet;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;

/**
 * The mooring command-line client against the running suite, through the gateway, as a user or a script runs it:
 * in this JVM through picocli (output captured), and once through its launcher script, bin/mooring, on the jar the
 * build packaged. The stack runs without simulated clusters; the test imports its own.
 */
@ExtendWith(SharedStack.class)
class CliEndToEndTest {

    /** Databases of their own, dropped afterwards, so a developer's local stack data is never touched. */
    private static final ObjectMapper JSON = new ObjectMapper();

    private static SharedStack.Running stack;
    private static String gatewayUrl;
    private static String admin;
    private static Path data;
    private static Path repo;

    record Run(int exit, String out, String err) {
        String all() {
            return "exit " + exit + "\nstdout:\n" + out + "\nstderr:\n" + err;
        }
    }

    @BeforeAll
    static void connect(SharedStack.Running running) throws Exception {
        stack = running;
        repo = Path.of("..").toAbsolutePath().normalize();
        data = Files.createTempDirectory("mooring-cli-e2e-");
        gatewayUrl = running.gatewayUrl();
        admin = running.adminToken();
    }

    /** A run of the CLI in this JVM, its output readable while it runs. */
    private record Invocation(StringWriter out, StringWriter err, CompletableFuture<Integer> exit) {
        Run finish(Duration within) throws Exception {
            return new Run(exit.get(within.toSeconds(), TimeUnit.SECONDS), out.toString(), err.toString());
        }
    }

    /** Starts the CLI in this JVM, as the admin unless the arguments name another --token. */
    private static Invocation start(String... args) {
        Map<String, String> variables = new HashMap<>();
        variables.put("MOORING_SERVER", gatewayUrl);
        variables.put("MOORING_TOKEN", admin);
        variables.put("MOORING_CONFIG_DIR", data.resolve("cli-config").toString());
        Environment environment = new Environment(variables, Clock.systemUTC(),
                d -> Thread.sleep(d.toMillis()), false, Duration.ofSeconds(1));
        CommandLine cli = MooringCli.commandLine(environment);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return new Invocation(out, err, CompletableFuture.supplyAsync(() -> cli.execute(args)));
    }

    private static Run mooring(String... args) throws Exception {
        return start(args).finish(Duration.ofMinutes(6));
    }

    @Test
    void aClusterIsImportedListedReadReportedOnAndDeletedAndAViewerIsRefusedWithTheDeniedCode() throws Exception {
        Run imported = mooring("clusters", "import", "cli-eks", "--project", "cli-payments", "--cloud-type", "eks");
        assertThat(imported.exit()).as(imported.all()).isZero();
        assertThat(imported.out()).contains("Cluster cli-eks (", "imported in project cli-payments: read-only, Pending",
                "kubectl apply -f http://");
        // The registry's public URL names the gateway by its host name, not this test's address.
        assertThat(imported.out()).contains(":" + URI.create(gatewayUrl).getPort() + "/api/v1/import/");

        Run table = mooring("clusters", "list");
        assertThat(table.exit()).as(table.all()).isZero();
        assertThat(table.out().lines().findFirst().orElseThrow()).startsWith("ID").contains("NAME", "PROJECT", "STATUS");
        assertThat(table.out()).containsPattern("cli-eks\\s+cli-payments\\s+eks\\s+read-only\\s+Pending");

        Run json = mooring("clusters", "list", "--project", "cli-payments", "-o", "json");
        assertThat(json.exit()).as(json.all()).isZero();
        JsonNode listed = JSON.readTree(json.out());
        assertThat(listed).hasSize(1);
        String id = listed.get(0).path("id").asText();
        assertThat(listed.get(0).path("name").asText()).isEqualTo("cli-eks");

        Run got = mooring("clusters", "get", "cli-eks", "-o", "json");
        assertThat(got.exit()).as(got.all()).isZero();
        assertThat(JSON.readTree(got.out()).path("id").asText()).isEqualTo(id);
        Run details = mooring("clusters", "get", id);
        assertThat(details.out()).containsPattern("Project:\\s+cli-payments").containsPattern("Status:\\s+Pending");

        // health-service learns of the cluster from the registry's event, a moment after the import.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Run health = mooring("health", "cli-eks", "-o", "json");
            assertThat(health.exit()).as(health.all()).isZero();
            assertThat(JSON.readTree(health.out()).path("connectivity").asText()).isEqualTo("Pending");
        });
        Run fleet = mooring("health");
        assertThat(fleet.exit()).as(fleet.all()).isZero();
        assertThat(fleet.out()).contains("Clusters: ", "Connectivity: ");

        Run csv = mooring("cost", "-o", "csv", "--window", "7d");
        assertThat(csv.exit()).as(csv.all()).isZero();
        assertThat(csv.out().lines().findFirst().orElseThrow()).contains("total_cost", "currency");

        String viewer = stack.userToken("viewer", "cli-payments");
        Run refused = mooring("--token", viewer, "clusters", "import", "cli-viewer", "--project", "cli-payments",
                "--cloud-type", "eks");
        assertThat(refused.exit()).as(refused.all()).isEqualTo(ExitCodes.DENIED);
        assertThat(refused.err()).startsWith("error: ").contains("(403)");
        Run viewerDelete = mooring("--token", viewer, "clusters", "delete", id);
        assertThat(viewerDelete.exit()).as(viewerDelete.all()).isEqualTo(ExitCodes.DENIED);
        Run viewerList = mooring("--token", viewer, "clusters", "list", "-o", "json");
        assertThat(JSON.readTree(viewerList.out())).hasSize(1);

        Run deleted = mooring("clusters", "delete", "cli-eks");
        assertThat(deleted.exit()).as(deleted.all()).isZero();
        assertThat(deleted.out()).contains("Cluster " + id + ": Deleted");
        Run gone = mooring("clusters", "get", id);
        assertThat(gone.exit()).as(gone.all()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(gone.err()).contains("(404)");
    }

    @Test
    void anImportAppliedWithKubectlAndAwaitedConnectsItsAgentAndItsNewEventsAreTailed() throws Exception {
        Optional<Kubectl> kubectl = Kubectl.locate(repo);
        if (kubectl.isEmpty() && System.getenv("CI") != null) {
            throw new IllegalStateException(Kubectl.missing());
        }
        Assumptions.assumeTrue(kubectl.isPresent(), Kubectl.missing());
        try (SimulatedCluster cluster = SimulatedCluster.builder().provider(Provider.K3S).tls(true)
                .mode(Mode.READ_ONLY).nodes(2).podsPerNode(4).start();
                SimulatedKubelet kubelet = SimulatedKubelet.builder(cluster, data.resolve("kubelet"))
                        .image(image -> image.contains("mooring/cluster-agent"), new AgentImage(
                                repo.resolve("cluster-agent/target/quarkus-app/quarkus-run.jar"),
                                List.of("mooring.agent.intervals.heartbeat=2s", "mooring.agent.intervals.status=2s",
                                        "mooring.agent.intervals.events-flush=1s")))
                        .start()) {
            Path kubeconfig = cluster.writeAdminKubeconfig(data.resolve("k3s.kubeconfig"));

            Run imported = mooring("clusters", "import", "cli-k3s", "--project", "cli-demo", "--cloud-type",
                    Provider.K3S.cloudType(), "--apply", "--kubectl", kubectl.get().binary().toString(),
                    "--kubeconfig", kubeconfig.toString(), "--wait", "--wait-timeout", "5m");

            assertThat(imported.exit()).as(imported.all()).isZero();
            assertThat(imported.out()).contains("deployment.apps/mooring-agent created", "Connected: agent");
            assertThat(imported.out()).doesNotContain("Run this where kubectl");
            assertThat(imported.err()).contains("Waiting up to 5m for the agent of cli-k3s to connect",
                    "The agent of cli-k3s connected after");

            Invocation tail = start("events", "tail", "cli-k3s", "--type", "Warning", "--max", "1", "--for", "3m",
                    "-o", "json");
            // The stream only carries events written after it opened: wait until it is open, then make some.
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> tail.exit().isDone() || tail.err().toString().contains("Following the events"));
            cluster.warningBurst(3);
            Run tailed = tail.finish(Duration.ofMinutes(4));

            assertThat(tailed.exit()).as(tailed.all()).isZero();
            assertThat(tailed.err()).contains("Following the events of cli-k3s");
            JsonNode event = JSON.readTree(tailed.out().lines().findFirst().orElseThrow());
            assertThat(event.path("type").asText()).isEqualTo("Warning");
            assertThat(event.path("reason").asText()).isNotBlank();
        }
    }

    /**
     * The shared stack keeps notification-service's default host policy (https only, public addresses only), so no
     * receiver in this test can take a delivery: the endpoint is a public documentation address (TEST-NET-3, RFC 5737)
     * that nothing answers on, and the delivery log shows the attempt and its error. A delivery received and its
     * signature checked is AlertsEndToEndTest's (a stack of its own that allows loopback), and the CLI's reading of a
     * delivered entry is MooringCliTest's.
     */
    @Test
    void aWebhookAndRulesAreSetUpAnAlertIsAttemptedAndLoggedAndEverythingIsRemovedAgain() throws Exception {
        String project = "cli-alerts";
        Run loopback = mooring("webhooks", "create", "cli-loopback", "--project", project, "--url",
                "http://127.0.0.1:9/hook");
        assertThat(loopback.exit()).as(loopback.all()).isEqualTo(ExitCodes.REJECTED);
        assertThat(loopback.err()).startsWith("error: ").contains("(400)");

        Run created = mooring("webhooks", "create", "cli-hook", "--project", project, "--url",
                "https://203.0.113.7/mooring", "--format", "cloudevents", "-o", "json");
        assertThat(created.exit()).as(created.all()).isZero();
        JsonNode endpoint = JSON.readTree(created.out());
        assertThat(endpoint.path("secret").asText()).startsWith("whsec_");
        assertThat(created.err()).contains("shown only this once");
        String hook = endpoint.path("id").asText();
        Run listed = mooring("webhooks", "list", "--project", project);
        assertThat(listed.exit()).as(listed.all()).isZero();
        assertThat(listed.out()).containsPattern(hook + "\\s+cli-hook\\s+cli-alerts\\s+cloudevents\\s+yes\\s+0\\s+"
                + "https://203.0.113.7/mooring").doesNotContain("whsec_");

        Run deletion = mooring("rules", "create", "cli-deleted", "--project", project, "--trigger", "deletion",
                "--quiet-period", "0s");
        assertThat(deletion.exit()).as(deletion.all()).isZero();
        Run budget = mooring("rules", "create", "cli-budget", "--project", project, "--trigger", "budget", "--budget",
                "1000", "--thresholds", "80,100");
        assertThat(budget.exit()).as(budget.all()).isZero();
        assertThat(budget.out()).contains("1000/month at 80,100%");
        String viewer = stack.userToken("viewer", project);
        Run viewerRule = mooring("--token", viewer, "rules", "create", "cli-viewer", "--project", project,
                "--trigger", "health");
        assertThat(viewerRule.exit()).as(viewerRule.all()).isEqualTo(ExitCodes.DENIED);
        Run rules = mooring("rules", "list", "--project", project, "-o", "json");
        assertThat(rules.exit()).as(rules.all()).isZero();
        JsonNode ruleList = JSON.readTree(rules.out());
        assertThat(ruleList).hasSize(2);
        assertThat(ruleList.findValuesAsText("trigger")).containsExactlyInAnyOrder("deletion", "budget");
        assertThat(ruleList.findValue("thresholds").toString()).isEqualTo("[80,100]");

        // The alert: a cluster of the project imported and deleted.
        assertThat(mooring("clusters", "import", "cli-doomed", "--project", project, "--cloud-type", "eks").exit())
                .isZero();
        Run doomed = mooring("clusters", "delete", "cli-doomed", "--project", project);
        assertThat(doomed.exit()).as(doomed.all()).isZero();
        JsonNode[] attempted = new JsonNode[1];
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            Run log = mooring("webhooks", "deliveries", "cli-hook", "--project", project, "-o", "json");
            assertThat(log.exit()).as(log.all()).isZero();
            JsonNode items = JSON.readTree(log.out());
            assertThat(items).hasSize(1);
            assertThat(items.get(0).path("eventType").asText()).isEqualTo("io.mooring.alert.deletion.v1");
            assertThat(items.get(0).path("attempts").asInt()).isPositive();
            assertThat(items.get(0).path("lastError").asText()).isNotBlank();
            attempted[0] = items.get(0);
        });
        String delivery = attempted[0].path("id").asText();
        Run table = mooring("webhooks", "deliveries", hook);
        assertThat(table.out()).containsPattern(delivery + "\\s+io.mooring.alert.deletion.v1\\s+(pending|failed)\\s+\\d+");
        Run redelivered = mooring("webhooks", "redeliver", "cli-hook", delivery, "--project", project);
        assertThat(redelivered.exit()).as(redelivered.all()).isZero();
        assertThat(redelivered.out()).contains("Delivery " + delivery + " (io.mooring.alert.deletion.v1) queued again:"
                + " pending");

        Run disabled = mooring("webhooks", "disable", "cli-hook", "--project", project);
        assertThat(disabled.exit()).as(disabled.all()).isZero();
        assertThat(disabled.out()).startsWith("Webhook cli-hook disabled: Disabled by ");
        Run got = mooring("webhooks", "get", hook);
        assertThat(got.out()).containsPattern("Enabled:\\s+no: Disabled by ");
        Run enabled = mooring("webhooks", "enable", hook);
        assertThat(enabled.exit()).as(enabled.all()).isZero();
        assertThat(enabled.out()).isEqualTo("Webhook cli-hook enabled.\n");

        for (String rule : List.of("cli-deleted", "cli-budget")) {
            Run removed = mooring("rules", "delete", rule, "--project", project);
            assertThat(removed.exit()).as(removed.all()).isZero();
        }
        Run removed = mooring("webhooks", "delete", "cli-hook", "--project", project);
        assertThat(removed.exit()).as(removed.all()).isZero();
        assertThat(JSON.readTree(mooring("rules", "list", "--project", project, "-o", "json").out())).isEmpty();
        Run gone = mooring("webhooks", "get", hook);
        assertThat(gone.exit()).as(gone.all()).isEqualTo(ExitCodes.NOT_FOUND);
    }

    @Test
    void theLauncherScriptRunsThePackagedJarWithTheSameOutputAndExitCodes() throws Exception {
        Path jar = repo.resolve("cli/target/mooring-cli.jar");
        assertThat(jar).as("package the cli module first (./mvnw package -pl cli -am)").exists();

        Run listed = launcher("clusters", "list", "-o", "json");
        Run missing = launcher("clusters", "get", UUID.randomUUID().toString());

        assertThat(listed.exit()).as(listed.all()).isZero();
        assertThat(JSON.readTree(listed.out()).isArray()).isTrue();
        assertThat(missing.exit()).as(missing.all()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(missing.err()).startsWith("error: ");
    }

    private static Run launcher(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(repo.resolve("bin/mooring").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("MOORING_SERVER", gatewayUrl);
        builder.environment().put("MOORING_TOKEN", admin);
        builder.environment().put("MOORING_CONFIG_DIR", data.resolve("launcher-config").toString());
        Path out = Files.createTempFile(data, "launcher", ".out");
        Path err = Files.createTempFile(data, "launcher", ".err");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("bin/mooring finished").isTrue();
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
