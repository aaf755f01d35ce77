package io.mooring.notification.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * Month-to-date cost per cluster, as cost-service last published it. Plain SQL on the consumer's session
 * (decision 0027): an upsert that keeps the newest observation, and a sum, are one statement each.
 */
@ApplicationScoped
public class CostRepository {

    /** Keeps the cluster's month-to-date cost unless a newer one is already there. */
    public Uni<Void> record(UUID clusterId, String project, String month, BigDecimal amount, String currency,
            Instant observedAt) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                insert into cluster_cost (cluster_id, month, project, amount, currency, observed_at)
                values (:cluster, :month, :project, :amount, :currency, :at)
                on conflict (cluster_id, month) do update set amount = excluded.amount, currency = excluded.currency,
                    observed_at = excluded.observed_at, project = excluded.project
                where cluster_cost.observed_at < excluded.observed_at""")
                .setParameter("cluster", clusterId)
                .setParameter("month", month)
                .setParameter("project", project)
                .setParameter("amount", amount)
                .setParameter("currency", currency)
                .setParameter("at", observedAt)
                .executeUpdate())
                .replaceWithVoid();
    }

    /** The project's month-to-date cost, all its clusters together. */
    public Uni<BigDecimal> projectTotal(String project, String month) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                "select coalesce(sum(amount), 0) from cluster_cost where project = :project and month = :month",
                BigDecimal.class)
                .setParameter("project", project)
                .setParameter("month", month)
                .getSingleResult());
    }

    public Uni<BigDecimal> clusterTotal(UUID clusterId, String month) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                "select coalesce(sum(amount), 0) from cluster_cost where cluster_id = :cluster and month = :month",
                BigDecimal.class)
                .setParameter("cluster", clusterId)
                .setParameter("month", month)
                .getSingleResult());
    }
}
