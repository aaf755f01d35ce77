package io.mooring.health.domain;

import static io.mooring.health.domain.Fixtures.NOW;
import static io.mooring.health.domain.Fixtures.inventory;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AgentConnectedCheckTest {

    private final AgentConnectedCheck check = new AgentConnectedCheck(HealthThresholds.DEFAULTS);

    @Test
    void passesWhenTheAgentIsConnectedWithAFreshInventory() {
        CheckResult result = check.check(inventory().context());

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.name()).isEqualTo("agent-connected");
        assertThat(result.message()).isEqualTo("The agent is connected; last heartbeat 20s ago");
    }

    @Test
    void warnsWhileTheAgentHasNeverConnected() {
        CheckResult result = check.check(new HealthContext(Connectivity.PENDING, null, null, null, NOW));

        assertThat(result.status()).isEqualTo(CheckStatus.WARN);
        assertThat(result.message()).isEqualTo("The agent has not connected yet");
    }

    @Test
    void failsWhenTheAgentIsSilentAndSaysForHowLong() {
        var ctx = new HealthContext(Connectivity.DISCONNECTED, NOW.minus(Duration.ofMinutes(14)),
                inventory().build(), NOW.minus(Duration.ofMinutes(15)), NOW);

        CheckResult result = check.check(ctx);

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.message())
                .isEqualTo("No heartbeat from the agent for 14m (last at 2025-06-01T11:46:00Z)");
    }

    @Test
    void warnsWhenConnectedButNoInventoryHasArrived() {
        CheckResult result = check.check(new HealthContext(Connectivity.CONNECTED, NOW, null, null, NOW));

        assertThat(result.status()).isEqualTo(CheckStatus.WARN);
        assertThat(result.message()).contains("has not reported an inventory yet");
    }

    @Test
    void warnsWhenHeartbeatsArriveButTheInventoryIsStale() {
        var ctx = new HealthContext(Connectivity.CONNECTED, NOW.minusSeconds(10), inventory().build(),
                NOW.minus(Duration.ofMinutes(45)), NOW);

        CheckResult result = check.check(ctx);

        assertThat(result.status()).isEqualTo(CheckStatus.WARN);
        assertThat(result.message()).contains("latest inventory is 45m old");
    }

    @Test
    void inventoryExactlyAtTheStaleLimitStillPasses() {
        var ctx = new HealthContext(Connectivity.CONNECTED, NOW, inventory().build(), NOW.minus(Duration.ofMinutes(30)), NOW);

        assertThat(check.check(ctx).status()).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void runsWithoutAnInventory() {
        assertThat(check.needsInventory()).isFalse();
    }
}
