package io.mooring.cost.messaging;

import io.mooring.cost.service.LifecycleService;
import io.mooring.support.clusters.ClusterDirectory;
import io.mooring.support.messaging.IdempotentConsumer;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The events of {@code mooring.cluster-lifecycle}, each once, into the shared cluster directory first, then
 * cost-service's own reactions.
 */
@ApplicationScoped
@Startup // registers its handler at once, so its dead letters can be replayed before a record arrives
public class LifecycleConsumer {

    static final String NAME = "cost-lifecycle";

    private final IdempotentConsumer consumer;

    public LifecycleConsumer(IdempotentConsumer consumer, ClusterDirectory directory, LifecycleService lifecycle) {
        this.consumer = consumer;
        consumer.register(NAME, directory.handler(lifecycle));
    }

    @Incoming("lifecycle")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return consumer.handle(NAME, record);
    }
}
