package io.mooring.support.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "mooring.outbox")
public interface OutboxConfig {

    /** CloudEvents {@code source} of what this service publishes. */
    @WithDefault("${quarkus.application.name}")
    String source();

    /** Whether this instance runs the relay (all instances may; only one publishes at a time). */
    @WithDefault("true")
    boolean relayEnabled();

    /** How often the relay looks for unpublished events. */
    @WithDefault("200ms")
    Duration pollInterval();

    /** Most events published in one relay transaction. */
    @WithDefault("500")
    int batchSize();

    /** How long published events are kept before they are deleted. */
    @WithDefault("P1D")
    Duration retention();

    /** The brokers the relay publishes to; those of the rest of the service unless set. */
    @WithDefault("${kafka.bootstrap.servers}")
    String bootstrapServers();

    /**
     * Largest record the relay sends (after compression). The topics' {@code max.message.bytes} (and the
     * broker's {@code message.max.bytes}) must allow it: see README.
     */
    @WithDefault("8388608")
    int maxMessageBytes();

    /** How long a publish may take before the batch is given up and retried. */
    @WithDefault("15s")
    Duration publishTimeout();
}
