package io.mooring.health.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.validator.BeanValidationConfigValidator;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The mapping as Quarkus validates it at startup (hibernate-validator checks a mapping's constraints). */
class HealthConfigTest {

    private static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();

    @Test
    void defaultsAreValid() {
        HealthConfig config = mapping(Map.of());

        assertThat(config.events().writers()).isEqualTo(2);
        assertThat(config.events().maxQueuedBatches()).isEqualTo(2000);
    }

    @Test
    void zeroWritersIsRefusedAtStartupRatherThanStallingEveryEventBatch() {
        assertThatThrownBy(() -> mapping(Map.of("mooring.health.events.writers", "0")))
                .isInstanceOf(ConfigValidationException.class)
                .hasMessageContaining("mooring.health.events.writers");
    }

    @Test
    void emptyQueuesAndZeroChunksAreRefusedToo() {
        for (String name : new String[] {"events.max-queued-batches", "events.max-queued-events",
                "events.delete-chunk", "events.max-chunks-per-run", "events.max-batch-size", "events.stream-buffer",
                "sweep.batch-size"}) {
            assertThatThrownBy(() -> mapping(Map.of("mooring.health." + name, "0")))
                    .as(name)
                    .isInstanceOf(ConfigValidationException.class)
                    .hasMessageContaining("mooring.health." + name);
        }
    }

    @Test
    void oneWriterIsAllowed() {
        assertThat(mapping(Map.of("mooring.health.events.writers", "1")).events().writers()).isEqualTo(1);
    }

    private static HealthConfig mapping(Map<String, String> values) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(values, "test", 250))
                .withConverter(Duration.class, 100, new DurationConverter()) // Quarkus's "5s", "14d"
                .withMapping(HealthConfig.class)
                .withValidator((BeanValidationConfigValidator) () -> VALIDATOR)
                .build();
        return config.getConfigMapping(HealthConfig.class);
    }
}
