package io.mooring.cost.messaging;

import io.mooring.cost.service.AccrualService;
import io.mooring.events.MooringEvent;
import io.mooring.events.payload.InventoryReported;
import io.mooring.support.messaging.IdempotentConsumer;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecords;
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
        consumer.register(NAME, this::accrue, this::accrueAll);
    }

    @Incoming("inventory")
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        // A whole poll at a time (batch=true): one transaction and a few statements for it (decision 0035).
        return consumer.handleBatch(NAME, records);
    }

    /**
     * A batch's new events in partition order: the inventories accrue together; anything else (an unknown type is
     * ignored, an incomplete inventory is refused) as {@link #accrue} treats it. A refusal fails the batch for
     * good, and the consumer handles it again one record at a time, parking only that record.
     */
    private Uni<Void> accrueAll(List<MooringEvent> events) {
        List<InventoryReported> inventories = new ArrayList<>(events.size());
        for (MooringEvent event : events) {
            if (event instanceof InventoryReported inventory) {
                if (!complete(inventory)) {
                    return accrue(inventory);
                }
                inventories.add(inventory);
            }
        }
        return inventories.isEmpty() ? Uni.createFrom().voidItem() : accrual.accrueAll(inventories);
    }

    private static boolean complete(InventoryReported inventory) {
        return inventory.clusterId() != null && inventory.observedAt() != null && inventory.inventory() != null
                && inventory.project() != null;
    }

    private Uni<Void> accrue(MooringEvent event) {
        if (!(event instanceof InventoryReported inventory)) {
            LOG.debugf("%s ignores %s", NAME, event.getClass().getSimpleName());
            return Uni.createFrom().voidItem();
        }
        if (!complete(inventory)) {
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
