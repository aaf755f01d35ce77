package io.mooring.addon.messaging;

import io.mooring.addon.service.ClusterLifecycle;
import io.mooring.support.clusters.ClusterDirectory;
import io.mooring.support.messaging.IdempotentConsumer;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads {@code mooring.cluster-lifecycle}: each event once, in order per cluster, into the shared cluster directory
 * first, then addon-service's own reactions.
 */
@ApplicationScoped
@Startup // registers its handler at once, so its dead letters can be replayed before a record arrives
public class LifecycleConsumer {

    static final String CONSUMER = "addon-service-lifecycle";

    private final IdempotentConsumer consumer;

    public LifecycleConsumer(IdempotentConsumer consumer, ClusterDirectory directory, ClusterLifecycle lifecycle) {
        this.consumer = consumer;
        consumer.register(CONSUMER, directory.handler(lifecycle), directory.batchHandler(lifecycle));
    }

    @Incoming("lifecycle")
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        // A whole poll at a time (batch=true): one transaction for it (docs/events.md, "Consuming in batches").
        return consumer.handleBatch(CONSUMER, records);
    }
}
