package io.mooring.support.testapp;

import io.mooring.events.payload.ClusterImported;
import io.mooring.support.messaging.IdempotentConsumer;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Test-only consumer: counts ClusterImported events per cluster, so a duplicate would show. */
@ApplicationScoped
public class ImportedCounter {

    private final IdempotentConsumer consumer;

    public ImportedCounter(IdempotentConsumer consumer) {
        this.consumer = consumer;
    }

    @Incoming("lifecycle")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return consumer.handle("imported-counter", record, event -> event instanceof ClusterImported imported
                ? Panache.getSession().flatMap(s -> s.createNativeQuery("""
                        insert into imported_seen (cluster_id, times) values (:id, 1)
                        on conflict (cluster_id) do update set times = imported_seen.times + 1""")
                        .setParameter("id", imported.clusterId()).executeUpdate()).replaceWithVoid()
                : Uni.createFrom().voidItem());
    }
}
