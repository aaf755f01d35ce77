package io.mooring.health.repository;

import static io.mooring.health.repository.Times.instant;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Connectivity and health transitions of each cluster, newest first, and what happened to its agent's identity
 * (kind {@value #AGENT}: a re-registration, an identity conflict), as the registry published it.
 */
@ApplicationScoped
public class HistoryRepository {

    public static final String CONNECTIVITY = "connectivity";
    public static final String HEALTH = "health";
    public static final String AGENT = "agent";
    public static final String RE_REGISTERED = "re-registered";
    public static final String CONFLICT = "conflict";

    /** One stored transition; {@code reasons} is a JSON array of check results (empty for connectivity). */
    public record Entry(long seq, String kind, String previous, String current, String connectivity, String reasons,
            String summary, Instant at) {
    }

    private final Pool pool;

    public HistoryRepository(Pool pool) {
        this.pool = pool;
    }

    /** Adds a transition in the current transaction. */
    public Uni<Void> add(UUID clusterId, String kind, String previous, String current, String connectivity,
            String reasonsJson, String summary, Instant at, Instant now) {
        return CurrentSession.update("""
                insert into health_history (id, cluster_id, kind, previous, current, connectivity, reasons, summary,
                    at, recorded_at)
                values (:uid, :id, :kind, nullif(:previous, ''), :current, nullif(:connectivity, ''), :reasons,
                    nullif(:summary, ''), :at, :now)""",
                "uid", UUID.randomUUID(), "id", clusterId, "kind", kind, "previous", previous == null ? "" : previous,
                "current", current, "connectivity", connectivity == null ? "" : connectivity, "reasons", reasonsJson,
                "summary", summary == null ? "" : summary, "at", at, "now", now)
                .replaceWithVoid();
    }

    /** Up to {@code limit} entries older than {@code beforeSeq} (all when null), newest first. */
    public Uni<List<Entry>> page(UUID clusterId, Long beforeSeq, int limit) {
        return OnCaller.stay(pool.preparedQuery("""
                select seq, kind, previous, current, connectivity, reasons, summary, at from health_history
                where cluster_id = $1 and seq < $2 order by seq desc limit $3""")
                .execute(Tuple.of(clusterId, beforeSeq == null ? Long.MAX_VALUE : beforeSeq, limit))
                .map(rows -> {
                    List<Entry> result = new ArrayList<>(rows.size());
                    rows.forEach(r -> result.add(new Entry(r.getLong("seq"), r.getString("kind"),
                            r.getString("previous"), r.getString("current"), r.getString("connectivity"),
                            r.getString("reasons"), r.getString("summary"), instant(r.getOffsetDateTime("at")))));
                    return result;
                }));
    }
}
