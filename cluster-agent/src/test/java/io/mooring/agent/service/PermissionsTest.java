package io.mooring.agent.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mooring.agent.support.AgentHarness;
import io.mooring.simulator.Mode;
import io.mooring.simulator.Provider;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The agent's permissions, as the API server tells them, in both modes and across a migration. */
class PermissionsTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void aReadOnlyImportReportsReadOnly() {
        try (AgentHarness h = AgentHarness.start(Provider.EKS, Mode.READ_ONLY)) {
            Agent agent = h.startAgent();
            await().atMost(WAIT).until(() -> !h.platform.statuses.isEmpty() && !h.platform.heartbeats.isEmpty());

            assertThat(h.platform.lastStatus().facts().permissions()).isEqualTo("read-only");
            assertThat(h.platform.heartbeats.get(0).permissions()).isEqualTo("read-only");
            assertThat(agent.snapshot().permissions()).isEqualTo("read-only");
            assertThat(h.cluster.writeRequests()).isEmpty();
        }
    }

    @Test
    void aFullPermissionImportReportsFullPermission() {
        try (AgentHarness h = AgentHarness.start(Provider.AKS, Mode.FULL_PERMISSION)) {
            h.platform.importMode("full-permission");
            h.startAgent();
            await().atMost(WAIT).until(() -> !h.platform.statuses.isEmpty());

            assertThat(h.platform.registrations.get(0).facts().permissions()).isEqualTo("full-permission");
            assertThat(h.platform.lastStatus().facts().permissions()).isEqualTo("full-permission");
        }
    }

    @Test
    void aPendingMigrationIsConfirmedOnceTheApiServerGrantsFullPermission() {
        try (AgentHarness h = AgentHarness.start(Provider.GKE, Mode.READ_ONLY)) {
            // Re-checks on the status interval only while a migration is pending, not on the long permission interval.
            Agent agent = h.startAgent(s -> s.permissionsInterval(Duration.ofMinutes(10)));
            await().atMost(WAIT).until(() -> h.platform.statuses.size() >= 2);

            h.platform.pendingMigration("full-permission");
            int statuses = h.platform.statuses.size();
            await().atMost(WAIT).until(() -> h.platform.statuses.size() > statuses + 3);
            assertThat(h.platform.lastStatus().facts().permissions()).as("not granted yet").isEqualTo("read-only");

            h.cluster.grantFullPermission();

            await().atMost(WAIT).until(() -> "full-permission".equals(h.platform.lastStatus().facts().permissions()));
            await().atMost(WAIT).until(() -> "full-permission".equals(h.platform.heartbeats.get(h.platform.heartbeats.size() - 1).permissions()));
            await().atMost(WAIT).until(() -> "full-permission".equals(agent.snapshot().importMode()));
            assertThat(agent.snapshot().pendingMigration()).isNull();
        }
    }

    @Test
    void thePeriodicRecheckNoticesAGrantWithoutAMigration() {
        try (AgentHarness h = AgentHarness.start(Provider.KIND, Mode.READ_ONLY)) {
            Agent agent = h.startAgent(s -> s.permissionsInterval(Duration.ofMillis(500)));
            await().atMost(WAIT).until(() -> "read-only".equals(agent.snapshot().permissions()));

            h.cluster.grantFullPermission();

            await().atMost(WAIT).until(() -> "full-permission".equals(agent.snapshot().permissions()));
            await().atMost(WAIT).until(() -> "full-permission".equals(h.platform.lastStatus().facts().permissions()));
        }
    }
}
