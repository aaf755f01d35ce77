package io.mooring.agent.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mooring.agent.config.AgentSettings;
import io.mooring.agent.support.AgentHarness;
import io.mooring.simulator.Mode;
import io.mooring.simulator.Provider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * An agent that lost its credential comes back with the spent import token and its cluster's identity (the
 * kube-system namespace's UID, read with the read-only role): after its pod was rescheduled (a new, empty state
 * directory) and after another copy of the agent took the credential (the refresh secret is refused).
 */
class ReRegistrationTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void anAgentWhoseStateDirectoryIsWipedRegistersAgainWithTheSpentTokenAndReports() throws IOException {
        try (AgentHarness h = AgentHarness.start(Provider.EKS, Mode.READ_ONLY)) {
            AgentSettings settings = h.settings(h.platform.issueImportToken()).build();
            Agent first = h.startAgent(settings);
            await().atMost(WAIT).until(() -> !h.platform.heartbeats.isEmpty());
            first.close();

            // Rescheduled: the emptyDir with the credential is gone, the Secret with the spent token is not.
            // (A directory inside the harness's own, so that the harness removes it too.)
            Path rescheduled = Files.createDirectory(h.stateDir.resolve("rescheduled"));
            int heartbeats = h.platform.heartbeats.size();
            int inventories = h.platform.inventories.size();
            Agent second = h.startAgent(settings.toBuilder().stateDir(rescheduled).build());
            await().atMost(WAIT).until(() -> h.platform.heartbeats.size() > heartbeats && h.platform.inventories.size() > inventories);

            String kubeSystemUid = h.cluster.client().namespaces().withName("kube-system").get().getMetadata().getUid();
            assertThat(kubeSystemUid).isNotBlank();
            assertThat(h.platform.registrations).hasSize(2).allSatisfy(r -> {
                assertThat(r.importToken()).isEqualTo(settings.importToken());
                assertThat(r.clusterUid()).isEqualTo(kubeSystemUid);
            });
            assertThat(second.snapshot().phase()).isEqualTo(Agent.Phase.RUNNING);
            assertThat(second.snapshot().clusterId()).isEqualTo(h.platform.clusterId());
            assertThat(second.snapshot().clusterUid()).isEqualTo(kubeSystemUid);
            assertThat(Files.exists(rescheduled.resolve("credential.json"))).isTrue();
            assertThat(h.cluster.writeRequests()).as("reading the identity writes nothing").isEmpty();
        }
    }

    @Test
    void aRefusedRefreshSecretLeadsToOneRegistrationWithTheImportTokenAndReportingGoesOn() {
        try (AgentHarness h = AgentHarness.start(Provider.KIND, Mode.READ_ONLY)) {
            h.platform.tokenLifetime(Duration.ofSeconds(2));
            Agent agent = h.startAgent();
            await().atMost(WAIT).until(() -> !h.platform.refreshes.isEmpty());

            // A second copy of the agent registered for the cluster: this agent's refresh secret no longer works.
            h.platform.replaceRefreshSecret();
            await().atMost(WAIT).until(() -> h.platform.registrations.size() == 2);
            int heartbeats = h.platform.heartbeats.size();
            int refreshes = h.platform.refreshes.size();
            await().atMost(WAIT).until(() -> h.platform.refreshes.size() > refreshes + 1 && h.platform.heartbeats.size() > heartbeats + 2);

            assertThat(h.platform.registrations).hasSize(2);
            assertThat(h.platform.registrations.get(1).clusterUid()).isEqualTo(h.platform.boundClusterUid()).isNotNull();
            assertThat(agent.snapshot().phase()).isEqualTo(Agent.Phase.RUNNING);
            assertThat(agent.snapshot().reRegistrations()).isEqualTo(1);
            await().atMost(WAIT).until(() -> agent.snapshot().failingLoops().isEmpty());
        }
    }

    @Test
    void whenTheImportTokenIsRefusedTooTheAgentRegistersOnceAndWaitsWithoutStopping() {
        try (AgentHarness h = AgentHarness.start(Provider.KIND, Mode.READ_ONLY)) {
            h.platform.tokenLifetime(Duration.ofSeconds(2));
            Agent agent = h.startAgent();
            await().atMost(WAIT).until(() -> !h.platform.refreshes.isEmpty());

            // The user issued a new import command (not applied here) and another agent took the credential.
            h.platform.issueImportToken();
            h.platform.replaceRefreshSecret();
            await().atMost(WAIT).until(() -> h.platform.registrations.size() == 2);
            int refreshes = h.platform.refreshes.size();
            await().atMost(WAIT).until(() -> h.platform.refreshes.size() > refreshes + 3);

            assertThat(h.platform.registrations).as("the refused token is not tried again").hasSize(2);
            assertThat(agent.snapshot().phase()).isEqualTo(Agent.Phase.RUNNING);
            assertThat(agent.snapshot().failingLoops()).isNotEmpty().allSatisfy(f -> assertThat(f).contains("401"));
            assertThat(h.stateDir.resolve("stopped.json")).doesNotExist();
        }
    }
}
