package io.mooring.health.messaging;

import io.mooring.health.service.LifecycleService;
import io.mooring.support.messaging.IdempotentConsumer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Consumes {@code mooring.cluster-lifecycle}: each event once, in the order of its cluster's partition. */
@ApplicationScoped
public class LifecycleConsumer {

    static final String CONSUMER = "health-service.lifecycle";

    private final IdempotentConsumer consumer;
    private final LifecycleService lifecycle;

    public LifecycleConsumer(IdempotentConsumer consumer, LifecycleService lifecycle) {
        this.consumer = consumer;
        this.lifecycle = lifecycle;
    }

    @Incoming("lifecycle")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return consumer.handle(CONSUMER, record, lifecycle::apply);
    }
}
