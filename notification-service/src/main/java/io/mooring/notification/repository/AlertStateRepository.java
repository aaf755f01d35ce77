package io.mooring.notification.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;

@ApplicationScoped
public class AlertStateRepository implements PanacheRepositoryBase<AlertStateRecord, String> {

    /**
     * The state, locked for the rest of the transaction (two replicas may handle one cluster's events around a
     * rebalance), created empty when the rule never looked at this thing.
     */
    public Uni<AlertStateRecord> lockOrCreate(AlertStateRecord.Key key, java.util.UUID clusterId) {
        return Panache.getSession().flatMap(session -> session
                .find(AlertStateRecord.class, key.id(), LockModeType.PESSIMISTIC_WRITE)
                .flatMap(found -> {
                    if (found != null) {
                        return Uni.createFrom().item(found);
                    }
                    AlertStateRecord created = new AlertStateRecord();
                    created.id = key.id();
                    created.ruleId = key.ruleId();
                    created.scope = key.scope();
                    created.subject = key.subject();
                    created.clusterId = clusterId;
                    return session.persist(created).replaceWith(created);
                }));
    }

    /** States holding a change whose quiet period is over at {@code now}, the longest-held first. */
    public Uni<List<AlertStateRecord>> holding(Instant now, int limit) {
        return find("latestSignal is not null and heldUntil <= ?1 order by heldUntil", now).page(0, limit).list();
    }
}
