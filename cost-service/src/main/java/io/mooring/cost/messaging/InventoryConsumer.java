package io.mooring.cost.messaging;

import io.mooring.cost.service.AccrualService;
import io.mooring.events.MooringEvent;
import io.mooring.events.payload.InventoryReported;
import io.mooring.support.messaging.IdempotentConsumer;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/** InventoryReported from {@code mooring.cluster-inventory}: each accrues once (see {@link AccrualService}). */
@ApplicationScoped
@Startup // registers its handler at once, so its dead letters can be replayed before a record arrives
public class InventoryConsumer {

    private static final Logger LOG = Logger.getLogger(InventoryConsumer.class);
    static final String NAME = "cost-inventory";

    private final IdempotentConsumer consumer;
    private final AccrualService accrual;

    public InventoryConsumer(IdempotentConsumer consumer, AccrualService accrual) {
        this.consumer = consumer;
        this.accrual = accrual;
        consumer.register(NAME, this::accrue);
    }

    @Incoming("inventory")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return consumer.handle(NAME, record);
    }

    private Uni<Void> accrue(MooringEvent event) {
        if (!(event instanceof InventoryReported inventory)) {
            LOG.debugf("%s ignores %s", NAME, event.getClass().getSimpleName());
            return Uni.createFrom().voidItem();
        }
        if (inventory.clusterId() == null || inventory.observedAt() == null || inventory.inventory() == null
                || inventory.project() == null) {
            // Retrying cannot mend an incomplete event: it goes to the dead-letter store, the partition carries on.
            return Uni.createFrom().failure(new IllegalArgumentException(
                    "Inventory event without cluster, project, observation time or inventory"));
        }
        return accrual.accrue(inventory)
                .invoke(outcome -> LOG.debugf("Inventory of %s observed at %s: %s", inventory.clusterId(),
                        inventory.observedAt(), outcome))
                .replaceWithVoid();
    }
}
