package io.mooring.support.testapp;

import io.mooring.events.MooringEvent;
import io.mooring.events.payload.ClusterImported;
import io.mooring.support.messaging.IdempotentConsumer;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Test-only consumer: counts ClusterImported events per cluster, so a duplicate would show. */
@ApplicationScoped
@Startup
public class ImportedCounter {

    /** Tests flip this to show that a replay succeeds once the handler would accept the event. */
    public static final AtomicBoolean POISON_ACCEPTED = new AtomicBoolean();

    public static final String NAME = "imported-counter";

    private final IdempotentConsumer consumer;

    public ImportedCounter(IdempotentConsumer consumer) {
        this.consumer = consumer;
        consumer.register(NAME, this::count);
    }

    @Incoming("lifecycle")
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        return consumer.handleBatch(NAME, records);
    }

    /** A cluster named "poison" is refused for good, like an event a real handler finds invalid. */
    private Uni<Void> count(MooringEvent event) {
        if (!(event instanceof ClusterImported imported)) {
            return Uni.createFrom().voidItem();
        }
        if ("poison".equals(imported.name()) && !POISON_ACCEPTED.get()) {
            return Uni.createFrom().failure(new IllegalArgumentException("poison is refused"));
        }
        return Panache.getSession().flatMap(s -> s.createNativeQuery("""
                        insert into imported_seen (cluster_id, times) values (:id, 1)
                        on conflict (cluster_id) do update set times = imported_seen.times + 1""")
                .setParameter("id", imported.clusterId()).executeUpdate()).replaceWithVoid();
    }
}
