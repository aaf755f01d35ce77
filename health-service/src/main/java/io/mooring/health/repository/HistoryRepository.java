package io.mooring.health.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Connectivity and health transitions of each cluster, newest first, and what happened to its agent's identity
 * (kind {@value #AGENT}: a re-registration, an identity conflict), as the registry published it. A Panache
 * repository, the default: history grows by a transition at a time, no hot path.
 */
@ApplicationScoped
public class HistoryRepository implements PanacheRepositoryBase<HistoryRecord, Long> {

    public static final String CONNECTIVITY = "connectivity";
    public static final String HEALTH = "health";
    public static final String AGENT = "agent";
    public static final String RE_REGISTERED = "re-registered";
    public static final String CONFLICT = "conflict";

    /** One stored transition; {@code reasons} is a JSON array of check results (empty for connectivity). */
    public record Entry(long seq, String kind, String previous, String current, String connectivity, String reasons,
            String summary, Instant at) {
    }

    /** A transition for {@link #addAll}, as {@link #add} takes it. */
    public record NewEntry(UUID clusterId, String kind, String previous, String current, String connectivity,
            String reasonsJson, String summary, Instant at, Instant now) {
    }

    /**
     * {@link #add} for many transitions in one statement, of distinct clusters (a batch of lifecycle events gives
     * each new cluster its first assessment): the one hot path of history, hence plain SQL.
     */
    public Uni<Void> addAll(List<NewEntry> entries) {
        if (entries.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        JsonArray rows = new JsonArray();
        for (NewEntry e : entries) {
            rows.add(new JsonObject().put("id", UUID.randomUUID().toString()).put("cluster_id", e.clusterId().toString())
                    .put("kind", e.kind()).put("previous", emptyToNull(e.previous())).put("current", e.current())
                    .put("connectivity", emptyToNull(e.connectivity())).put("reasons", e.reasonsJson())
                    .put("summary", emptyToNull(e.summary())).put("at", e.at().toString())
                    .put("recorded_at", e.now().toString()));
        }
        return CurrentSession.update("""
                insert into health_history (id, cluster_id, kind, previous, current, connectivity, reasons, summary, at,
                    recorded_at)
                select id, cluster_id, kind, previous, current, connectivity, reasons, summary, at, recorded_at
                from jsonb_to_recordset(cast(cast(:rows as text) as jsonb)) as r(id uuid, cluster_id uuid,
                    kind text, previous text, current text, connectivity text, reasons text, summary text,
                    at timestamptz, recorded_at timestamptz)""", "rows", rows.encode()).replaceWithVoid();
    }

    /** Adds a transition in the current transaction. */
    public Uni<Void> add(UUID clusterId, String kind, String previous, String current, String connectivity,
            String reasonsJson, String summary, Instant at, Instant now) {
        HistoryRecord record = new HistoryRecord();
        record.id = UUID.randomUUID();
        record.clusterId = clusterId;
        record.kind = kind;
        record.previous = emptyToNull(previous);
        record.current = current;
        record.connectivity = emptyToNull(connectivity);
        record.reasons = reasonsJson;
        record.summary = emptyToNull(summary);
        record.at = at;
        record.recordedAt = now;
        return persist(record).replaceWithVoid();
    }

    /** Up to {@code limit} entries older than {@code beforeSeq} (all when null), newest first. */
    public Uni<List<Entry>> page(UUID clusterId, Long beforeSeq, int limit) {
        return Panache.withSession(() -> find("clusterId = ?1 and seq < ?2", Sort.descending("seq"), clusterId,
                        beforeSeq == null ? Long.MAX_VALUE : beforeSeq)
                .range(0, limit - 1).list())
                .map(records -> records.stream().map(r -> new Entry(r.seq, r.kind, r.previous, r.current,
                        r.connectivity, r.reasons, r.summary, r.at)).toList());
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
