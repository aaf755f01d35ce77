package io.mooring.agent.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.mooring.agent.config.AgentConfig;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The application as it runs in a cluster: settings from the Secret's environment names, the agent started at
 * boot on its own threads, reporting to the platform, and its readiness saying what it is doing.
 */
@QuarkusTest
@WithTestResource(AgentStackResource.class)
class AgentApplicationTest {

    @Inject
    AgentConfig config;

    @Inject
    AgentApplication application;

    @Test
    void theAgentStartsAtBootRegistersAndReports() {
        await().atMost(Duration.ofSeconds(60)).until(() -> !AgentStackResource.platform.heartbeats.isEmpty()
                && AgentStackResource.platform.lastInventory() != null);

        assertThat(config.platformUrl()).contains(AgentStackResource.platform.url());
        assertThat(config.importToken()).isPresent();
        assertThat(config.intervals().heartbeat()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.intervals().inventoryMax()).isEqualTo(Duration.ofMinutes(10));
        assertThat(AgentStackResource.platform.registrations).singleElement()
                .satisfies(r -> assertThat(r.facts().detectedProvider()).isEqualTo("eks"));
        assertThat(AgentStackResource.platform.heartbeats.get(0).agentVersion()).isEqualTo("0.1.0-SNAPSHOT");
        assertThat(Files.exists(AgentStackResource.stateDir.resolve("credential.json"))).isTrue();
        assertThat(application.agent()).isPresent();
        assertThat(AgentStackResource.cluster.writeRequests()).isEmpty();
        AgentStackResource.platform.assertKeptTheContract();
    }

    @Test
    void readinessShowsWhatTheAgentIsDoing() {
        await().atMost(Duration.ofSeconds(60)).until(() -> application.agent().map(a -> a.phase() == Agent.Phase.RUNNING).orElse(false));

        given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("mooring-agent"))
                .body("checks.find { it.name == 'mooring-agent' }.data.permissions", equalTo("read-only"))
                .body("checks.find { it.name == 'mooring-agent' }.data.provider", equalTo("eks/eks"));
    }
}
