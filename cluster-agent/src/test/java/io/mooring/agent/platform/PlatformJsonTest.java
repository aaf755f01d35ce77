package io.mooring.agent.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mooring.events.addons.DesiredState;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The desired state the agent reads from the platform is bounded in nesting. */
class PlatformJsonTest {

    private static String desiredStateWithAnObjectNested(int depth) {
        String nested = "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
        return """
                {"clusterId":"6f1c1e4e-7d43-4e0b-9a55-3a8d7c1f0a11","revision":1,"profiles":[{"attachmentId":\
                "0b1c1e4e-7d43-4e0b-9a55-3a8d7c1f0a11","profile":"p","version":"1.0.0","generation":1,"layers":[{\
                "name":"l","order":0,"source":"manifests","namespace":"apps","objects":[{"apiVersion":"v1",\
                "kind":"ConfigMap","metadata":{"name":"c"},"data":%s}]}]}],"removed":[]}""".formatted(nested);
    }

    @Test
    void anOrdinaryDesiredStateReads() throws Exception {
        DesiredState state = PlatformJson.mapper().readValue(desiredStateWithAnObjectNested(20), DesiredState.class);
        assertThat(state.profiles().get(0).layers().get(0).objects()).hasSize(1);
    }

    @Test
    void aDesiredStateNestedBeyondTheLimitIsRefused() {
        assertThatThrownBy(() -> PlatformJson.mapper().readValue(desiredStateWithAnObjectNested(150), DesiredState.class))
                .isInstanceOf(IOException.class).hasMessageContaining("nesting depth");
    }
}
