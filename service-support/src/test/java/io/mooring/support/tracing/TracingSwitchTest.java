package io.mooring.support.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TracingSwitchTest {

    @Test
    void theSdkIsOffWhereNoEndpointIsConfigured() {
        assertThat(sdkDisabled(Map.of(), Map.of())).isTrue();
        assertThat(sdkDisabled(Map.of(TracingSwitch.TRACES_ENDPOINT, " "), Map.of())).isTrue();
        // Quarkus defaults both endpoints to a local collector: that is not a configured one.
        assertThat(sdkDisabled(Map.of(), Map.of(TracingSwitch.TRACES_ENDPOINT, "http://localhost:4317/",
                TracingSwitch.ENDPOINT, "http://localhost:4317/"))).isTrue();
    }

    @Test
    void aTracesEndpointOrAnOtlpEndpointTurnsItOn() {
        assertThat(sdkDisabled(Map.of(TracingSwitch.TRACES_ENDPOINT, "http://collector:4318"), Map.of())).isFalse();
        assertThat(sdkDisabled(Map.of(TracingSwitch.ENDPOINT, "http://collector:4317"), Map.of())).isFalse();
    }

    @Test
    void anExplicitSettingWinsOverTheEndpointButAFrameworkDefaultDoesNot() {
        assertThat(sdkDisabled(Map.of(TracingSwitch.ENDPOINT, "http://collector:4317",
                TracingSwitch.SDK_DISABLED, "true"), Map.of())).isTrue();
        assertThat(sdkDisabled(Map.of(TracingSwitch.SDK_DISABLED, "false"), Map.of())).isFalse();
        assertThat(sdkDisabled(Map.of(), Map.of(TracingSwitch.SDK_DISABLED, "false"))).isTrue();
    }

    /** {@code configured} as application.properties would give it (250), {@code defaults} as Quarkus's (below 0). */
    private static boolean sdkDisabled(Map<String, String> configured, Map<String, String> defaults) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(configured, "application", 250))
                .withSources(new PropertiesConfigSource(defaults, "defaults", Integer.MIN_VALUE + 100))
                .withInterceptors(new TracingSwitch())
                .build();
        return config.getValue(TracingSwitch.SDK_DISABLED, Boolean.class);
    }
}
