package io.mooring.agent.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mooring.agent.config.AgentSettings;
import io.mooring.agent.support.AgentHarness;
import io.mooring.simulator.Mode;
import io.mooring.simulator.Provider;
import java.nio.file.Files;
import java.time.Instant;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Registration with the import token, refresh before expiry, and a restart that goes on with the stored credential. */
class RegistrationTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void registersOnceWithTheFactsItFound() {
        try (AgentHarness h = AgentHarness.start(Provider.AKS, Mode.READ_ONLY)) {
            h.startAgent();

            await().atMost(WAIT).until(() -> !h.platform.heartbeats.isEmpty());

            assertThat(h.platform.registrations).singleElement().satisfies(r -> {
                assertThat(r.facts().agentVersion()).isEqualTo("0.1.0-test");
                assertThat(r.facts().kubernetesVersion()).isEqualTo(h.cluster.gitVersion());
                assertThat(r.facts().detectedProvider()).isEqualTo("aks");
                assertThat(r.facts().detectedPlatform()).isEqualTo("aks");
                assertThat(r.facts().permissions()).isEqualTo("read-only");
            });
        }
    }

    @Test
    void refreshesTheTokenBeforeItExpiresAndStoresTheRotatedSecret() throws Exception {
        try (AgentHarness h = AgentHarness.start(Provider.KIND, Mode.READ_ONLY)) {
            h.platform.tokenLifetime(Duration.ofSeconds(3));
            Agent agent = h.startAgent();

            await().atMost(WAIT).until(() -> h.platform.refreshes.size() >= 2);
            int heartbeats = h.platform.heartbeats.size();
            await().atMost(WAIT).until(() -> h.platform.heartbeats.size() > heartbeats + 2);

            assertThat(h.platform.registrations).hasSize(1);
            assertThat(h.platform.refusedTokens).as("the agent never used an expired token").isEmpty();
            JsonNode stored = json.readTree(h.stateDir.resolve("credential.json").toFile());
            String lastSecret = h.platform.refreshes.get(h.platform.refreshes.size() - 1).refreshSecret();
            assertThat(stored.path("refreshSecret").asText()).isNotEqualTo(lastSecret).as("the secret was rotated and the new one stored");
            assertThat(stored.path("clusterId").asText()).isEqualTo(h.platform.clusterId().toString());
            assertThat(Files.getPosixFilePermissions(h.stateDir.resolve("credential.json")))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(agent.snapshot().failingLoops()).isEmpty();
        }
    }

    @Test
    void aRestartedAgentGoesOnWithItsStoredCredentialInsteadOfTheSpentToken() {
        try (AgentHarness h = AgentHarness.start(Provider.EKS, Mode.READ_ONLY)) {
            AgentSettings settings = h.settings(h.platform.issueImportToken()).build();
            Agent first = h.startAgent(settings);
            await().atMost(WAIT).until(() -> !h.platform.heartbeats.isEmpty());
            first.close();

            int heartbeats = h.platform.heartbeats.size();
            Agent second = h.startAgent(settings);
            await().atMost(WAIT).until(() -> h.platform.heartbeats.size() > heartbeats);

            assertThat(h.platform.registrations).as("the spent token is not tried again").hasSize(1);
            assertThat(second.snapshot().clusterId()).isEqualTo(h.platform.clusterId());
            assertThat(second.snapshot().phase()).isEqualTo(Agent.Phase.RUNNING);
        }
    }

    @Test
    void aRestartedAgentDoesNotRelayTheEventsThePlatformAlreadyHas() {
        try (AgentHarness h = AgentHarness.start(Provider.GKE, Mode.READ_ONLY)) {
            AgentSettings settings = h.settings(h.platform.issueImportToken()).build();
            Agent first = h.startAgent(settings);
            await().atMost(WAIT).until(() -> !h.platform.eventBatches.isEmpty() && first.eventBuffer().size() == 0);
            int delivered = h.platform.eventUidsInOrder().size();
            first.close();

            Agent second = h.startAgent(settings);
            await().atMost(WAIT).until(() -> second.phase() == Agent.Phase.RUNNING);
            var burst = h.cluster.warningBurst(3).stream().map(e -> e.getMetadata().getUid()).toList();
            await().atMost(WAIT).until(() -> h.platform.eventUidsInOrder().containsAll(burst));

            int relayedAgain = h.platform.eventUidsInOrder().size() - delivered - burst.size();
            assertThat(relayedAgain).as("only the last minutes before the newest delivered event are sent again").isLessThan(delivered / 2);
        }
    }

    @Test
    void aRestartAfterTheTokenExpiredRefreshesFirst() throws Exception {
        try (AgentHarness h = AgentHarness.start(Provider.KIND, Mode.READ_ONLY)) {
            h.platform.tokenLifetime(Duration.ofSeconds(2));
            AgentSettings settings = h.settings(h.platform.issueImportToken()).refreshMargin(Duration.ofMillis(100)).build();
            Agent first = h.startAgent(settings);
            await().atMost(WAIT).until(() -> !h.platform.heartbeats.isEmpty());
            first.close();
            int refreshes = h.platform.refreshes.size();
            Instant expires = Instant.parse(json.readTree(h.stateDir.resolve("credential.json").toFile()).path("expiresAt").asText());
            await().atMost(WAIT).until(() -> Instant.now().isAfter(expires));

            int heartbeats = h.platform.heartbeats.size();
            h.startAgent(settings.toBuilder().importToken(null).build());
            await().atMost(WAIT).until(() -> h.platform.heartbeats.size() > heartbeats);

            assertThat(h.platform.refreshes.size()).isGreaterThan(refreshes);
            assertThat(h.platform.registrations).hasSize(1);
        }
    }

    @Test
    void aNewImportTokenMeansANewRegistration() {
        try (AgentHarness h = AgentHarness.start(Provider.KIND, Mode.READ_ONLY)) {
            Agent first = h.startAgent();
            await().atMost(WAIT).until(() -> !h.platform.heartbeats.isEmpty());
            first.close();

            h.startAgent();
            await().atMost(WAIT).until(() -> h.platform.registrations.size() == 2);
        }
    }

    @Test
    void aSpentTokenWithoutAStoredCredentialReportsNothingAndKeepsTrying() {
        try (AgentHarness h = AgentHarness.start(Provider.KIND, Mode.READ_ONLY)) {
            Agent agent = h.startAgent(h.settings("import-never-issued").build());

            await().atMost(WAIT).until(() -> h.platform.registrations.size() >= 3);

            assertThat(agent.snapshot().phase()).isEqualTo(Agent.Phase.REGISTERING);
            assertThat(agent.snapshot().failingLoops()).singleElement().asString().contains("404");
            assertThat(h.platform.heartbeats).isEmpty();
            assertThat(Files.exists(h.stateDir.resolve("credential.json"))).isFalse();
        }
    }
}
