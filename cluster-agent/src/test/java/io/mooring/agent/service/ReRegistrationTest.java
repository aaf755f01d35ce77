package io.mooring.agent.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.mooring.agent.config.AgentSettings;
import io.mooring.agent.support.AgentHarness;
import io.mooring.simulator.Mode;
import io.mooring.simulator.Provider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * An agent that lost its credential comes back with the spent import token, its cluster's identity (the kube-system
 * namespace's UID, read with the read-only role) and the re-registration secret its first registration answered,
 * which it keeps in its identity Secret (the one object a read-only agent may update, in its own namespace): after
 * its pod was rescheduled (a new, empty state directory) and after another copy of the agent took the credential
 * (the refresh secret is refused). Without that secret the spent token brings nothing back.
 */
class ReRegistrationTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String NAMESPACE = "mooring-system";
    private static final String IDENTITY = "mooring-agent-identity";

    @Test
    void aRescheduledAgentComesBackWithTheSpentTokenAndTheSecretKeptInItsIdentitySecret() throws IOException {
        try (AgentHarness h = AgentHarness.start(Provider.EKS, Mode.READ_ONLY)) {
            h.platform.issueReRegistrationSecrets();
            installIdentitySecret(h);
            AgentSettings settings = h.settings(h.platform.issueImportToken()).build();
            Agent first = h.startAgent(settings);
            await().atMost(WAIT).until(() -> !h.platform.heartbeats.isEmpty() && storedSecret(h) != null);
            assertThat(storedSecret(h)).isEqualTo(h.platform.reRegistrationSecret()).isNotNull();
            first.close();

            // Rescheduled: the emptyDir with the credential is gone; the Secrets (token, identity) are not.
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
            assertThat(h.platform.registrations.get(1).reRegistrationSecret()).isEqualTo(h.platform.reRegistrationSecret());
            assertThat(second.snapshot().phase()).isEqualTo(Agent.Phase.RUNNING);
            assertThat(second.snapshot().clusterId()).isEqualTo(h.platform.clusterId());
            assertThat(second.snapshot().clusterUid()).isEqualTo(kubeSystemUid);
            assertThat(Files.exists(rescheduled.resolve("credential.json"))).isTrue();
            // The one write to the cluster: updating its own identity Secret, once, at the first registration.
            assertThat(h.cluster.writeRequests()).singleElement().satisfies(w -> {
                assertThat(w.method()).isEqualTo("PUT");
                assertThat(w.path()).endsWith("/namespaces/" + NAMESPACE + "/secrets/" + IDENTITY);
                assertThat(w.status()).isEqualTo(200);
            });
        }
    }

    @Test
    void withoutItsIdentitySecretARescheduledAgentCannotComeBackWithTheSpentTokenAlone() throws IOException {
        try (AgentHarness h = AgentHarness.start(Provider.KIND, Mode.READ_ONLY)) {
            h.platform.issueReRegistrationSecrets();
            installIdentitySecret(h);
            AgentSettings settings = h.settings(h.platform.issueImportToken()).build();
            Agent first = h.startAgent(settings);
            await().atMost(WAIT).until(() -> !h.platform.heartbeats.isEmpty() && storedSecret(h) != null);
            first.close();

            // Someone who can read namespaces knows the UID, and the token was in the manifest: that is all they have.
            h.cluster.client().secrets().inNamespace(NAMESPACE).withName(IDENTITY).delete();
            Path rescheduled = Files.createDirectory(h.stateDir.resolve("rescheduled"));
            int heartbeats = h.platform.heartbeats.size();
            Agent second = h.startAgent(settings.toBuilder().stateDir(rescheduled).build());
            await().atMost(WAIT).until(() -> h.platform.registrations.size() >= 3);

            assertThat(h.platform.registrations.subList(1, h.platform.registrations.size()))
                    .allSatisfy(r -> assertThat(r.reRegistrationSecret()).isNull());
            assertThat(second.snapshot().phase()).isEqualTo(Agent.Phase.REGISTERING);
            assertThat(second.snapshot().failingLoops()).singleElement().asString().contains("410");
            assertThat(h.platform.heartbeats).hasSize(heartbeats);
        }
    }

    @Test
    void aRefusedRefreshSecretLeadsToOneRegistrationWithTheImportTokenAndReportingGoesOn() {
        try (AgentHarness h = AgentHarness.start(Provider.KIND, Mode.READ_ONLY)) {
            h.platform.issueReRegistrationSecrets();
            installIdentitySecret(h);
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
            assertThat(h.platform.registrations.get(1).reRegistrationSecret()).isEqualTo(h.platform.reRegistrationSecret())
                    .isNotNull();
            assertThat(agent.snapshot().phase()).isEqualTo(Agent.Phase.RUNNING);
            assertThat(agent.snapshot().reRegistrations()).isEqualTo(1);
            await().atMost(WAIT).until(() -> agent.snapshot().failingLoops().isEmpty());
        }
    }

    @Test
    void whenTheImportTokenIsRefusedTooTheAgentRegistersOnceAndWaitsWithoutStopping() {
        try (AgentHarness h = AgentHarness.start(Provider.KIND, Mode.READ_ONLY)) {
            h.platform.issueReRegistrationSecrets();
            installIdentitySecret(h);
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

    @Test
    void anAgentWhoseIdentitySecretIsMissingStillReportsAndSaysWhyItCannotComeBack() {
        try (AgentHarness h = AgentHarness.start(Provider.KIND, Mode.READ_ONLY)) {
            // An import manifest from before identity Secrets: the update is refused, the agent works on.
            h.platform.issueReRegistrationSecrets();
            Agent agent = h.startAgent();
            await().atMost(WAIT).until(() -> h.platform.heartbeats.size() > 2);

            assertThat(agent.snapshot().phase()).isEqualTo(Agent.Phase.RUNNING);
            assertThat(h.cluster.writeRequests()).as("a Secret is never created by the agent")
                    .noneMatch(w -> w.method().equals("POST"));
        }
    }

    /** The empty identity Secret, as the import manifest creates it. */
    private static void installIdentitySecret(AgentHarness h) {
        h.cluster.client().secrets().inNamespace(NAMESPACE).resource(new SecretBuilder().withNewMetadata().withName(IDENTITY)
                .withNamespace(NAMESPACE).endMetadata().withType("Opaque").build()).create();
    }

    private static String storedSecret(AgentHarness h) {
        Secret secret = h.cluster.client().secrets().inNamespace(NAMESPACE).withName(IDENTITY).get();
        if (secret == null || secret.getData() == null || !secret.getData().containsKey("reRegistrationSecret")) {
            return null;
        }
        return new String(Base64.getDecoder().decode(secret.getData().get("reRegistrationSecret")), StandardCharsets.UTF_8);
    }
}
