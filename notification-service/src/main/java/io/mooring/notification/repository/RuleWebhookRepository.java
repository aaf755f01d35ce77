package io.mooring.notification.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.ArrayList;

/**
 * The webhooks a rule names. Plain SQL on the caller's session: the rows are a bare pair that the database removes
 * with either side (on delete cascade), which an entity would only have to mirror.
 */
@ApplicationScoped
public class RuleWebhookRepository {

    /** Records, in the caller's transaction, that {@code ruleId} goes to these endpoints. */
    public Uni<Void> name(UUID ruleId, Collection<UUID> endpointIds) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (UUID endpointId : endpointIds) {
            chain = chain.flatMap(v -> Panache.getSession().flatMap(session -> session.createNativeQuery(
                            "insert into notification_rule_webhook (rule_id, endpoint_id) values (:rule, :endpoint)")
                    .setParameter("rule", ruleId)
                    .setParameter("endpoint", endpointId)
                    .executeUpdate())
                    .replaceWithVoid());
        }
        return chain;
    }

    /** Makes {@code endpointIds} all that {@code ruleId} names, in the caller's transaction. */
    public Uni<Void> replace(UUID ruleId, Collection<UUID> endpointIds) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                        "delete from notification_rule_webhook where rule_id = :rule")
                .setParameter("rule", ruleId)
                .executeUpdate())
                .flatMap(removed -> name(ruleId, endpointIds));
    }

    /** The endpoints each of {@code ruleIds} names, oldest endpoint first; rules naming none are absent. */
    public Uni<Map<UUID, List<UUID>>> of(Collection<UUID> ruleIds) {
        if (ruleIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Panache.getSession().flatMap(session -> session.createNativeQuery("""
                select cast(t.rule_id as text), cast(t.endpoint_id as text)
                from notification_rule_webhook t join webhook_endpoint e on e.id = t.endpoint_id
                where t.rule_id in (:rules) order by e.created_at, e.id""", Object[].class)
                .setParameter("rules", List.copyOf(ruleIds))
                .getResultList())
                .map(rows -> {
                    Map<UUID, List<UUID>> named = new LinkedHashMap<>();
                    for (Object[] row : rows) {
                        named.computeIfAbsent(UUID.fromString((String) row[0]), k -> new ArrayList<>())
                                .add(UUID.fromString((String) row[1]));
                    }
                    return named;
                });
    }
}
