package io.mooring.notification.messaging;

import io.mooring.notification.service.AlertService;
import io.mooring.support.clusters.ClusterChange;
import io.mooring.support.clusters.ClusterDirectory;
import io.mooring.support.clusters.ClusterReactions;
import io.mooring.support.messaging.IdempotentConsumer;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes the topics alerts are raised from, each event once (the idempotent consumer records its id in the
 * transaction that queues its alerts) and in its cluster's partition order. Lifecycle events go into the shared
 * cluster directory first (decision 0024), which gives alerts the cluster's name and the API its visibility rule.
 */
@ApplicationScoped
@Startup // registers the handlers at once, so dead letters can be replayed before a record arrives
public class EventConsumers {

    static final String LIFECYCLE = "notification-service.lifecycle";
    static final String HEALTH = "notification-service.health";
    static final String ADDONS = "notification-service.addons";
    static final String COST = "notification-service.cost";

    private final IdempotentConsumer consumer;

    public EventConsumers(IdempotentConsumer consumer, ClusterDirectory directory, AlertService alerts) {
        this.consumer = consumer;
        // A replayed event about a deleted cluster (IGNORED) raises nothing: the deletion was told already.
        ClusterReactions lifecycle = change -> change.kind() == ClusterChange.Kind.IGNORED
                ? Uni.createFrom().voidItem() : alerts.onEvent(change.event());
        consumer.register(LIFECYCLE, directory.handler(lifecycle), directory.batchHandler(lifecycle));
        consumer.register(HEALTH, alerts::onEvent);
        consumer.register(ADDONS, alerts::onEvent);
        consumer.register(COST, alerts::onEvent);
    }

    @Incoming("lifecycle")
    public Uni<Void> lifecycle(ConsumerRecords<String, String> records) {
        // A whole poll at a time (batch=true): one transaction for it (docs/events.md, "Consuming in batches").
        return consumer.handleBatch(LIFECYCLE, records);
    }

    @Incoming("health")
    public Uni<Void> health(ConsumerRecords<String, String> records) {
        // A poll at a time as well: each imported cluster's first assessment arrives here (batch=true).
        return consumer.handleBatch(HEALTH, records);
    }

    @Incoming("addons")
    public Uni<Void> addons(ConsumerRecord<String, String> record) {
        return consumer.handle(ADDONS, record);
    }

    @Incoming("cost")
    public Uni<Void> cost(ConsumerRecord<String, String> record) {
        return consumer.handle(COST, record);
    }
}
