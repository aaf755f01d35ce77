package io.mooring.cost.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads for reports, straight through the reactive pool: no session, no transaction, one round trip.
 *
 * <p>Plain SQL, the documented exception to Panache: reports are the read hot path. {@link ReportQuery} builds one
 * aggregation over the roll-ups (whole days from the {@code *_day} tables, the window's edges from the
 * {@code *_hour} ones, grouped by the asked dimension and step) whose rows are sums, not entities; a month of a
 * 10,000-cluster fleet answers in 7 to 500 ms by report ({@code CostReportBenchmark#monthReportsOfTheFleet},
 * measured when the reports were written). Nothing here is managed, so a session would only add its cost.
 */
@ApplicationScoped
public class ReportRepository {

    /** One result row of a {@link ReportQuery}; measures in {@link Rollups#MEASURES} order. */
    public record ResultRow(UUID clusterId, String clusterName, String project, String provider, String cloudType,
            Instant deletedAt, String d1, String d2, String d3, Instant bucket, String currency,
            List<BigDecimal> measures) {
    }

    /** What a report needs to know of a cluster to check access and describe it. */
    public record ClusterInfo(UUID id, String project, String name, String cloudType, String provider,
            Instant firstObservedAt, Instant lastObservedAt, Instant deletedAt) {
    }

    private final Pool pool;

    public ReportRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<List<ResultRow>> run(ReportQuery.Sql sql) {
        return pool.preparedQuery(sql.text()).execute(Tuple.from(sql.parameters())).map(rows -> {
            List<ResultRow> result = new ArrayList<>(rows.size());
            for (Row row : rows) {
                List<BigDecimal> measures = new ArrayList<>(Rollups.MEASURES.size());
                for (String measure : Rollups.MEASURES) {
                    BigDecimal value = row.getBigDecimal(measure);
                    measures.add(value == null ? BigDecimal.ZERO.setScale(Rollups.UNIT)
                            : value.movePointLeft(Rollups.UNIT).setScale(Rollups.UNIT));
                }
                result.add(new ResultRow(row.getUUID("cid"), row.getString("cname"), row.getString("project"),
                        row.getString("provider"), row.getString("cloud_type"), instant(row, "deleted_at"),
                        row.getString("d1"), row.getString("d2"), row.getString("d3"), instant(row, "b"),
                        row.getString("currency"), measures));
            }
            return result;
        });
    }

    public Uni<Optional<ClusterInfo>> cluster(UUID id) {
        return pool.preparedQuery("""
                select id, project, name, cloud_type, provider, first_observed_at, last_observed_at, deleted_at
                from cost_cluster where id = $1""")
                .execute(Tuple.of(id))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.empty();
                    }
                    Row row = rows.iterator().next();
                    return Optional.of(new ClusterInfo(row.getUUID("id"), row.getString("project"),
                            row.getString("name"), row.getString("cloud_type"), row.getString("provider"),
                            instant(row, "first_observed_at"), instant(row, "last_observed_at"),
                            instant(row, "deleted_at")));
                });
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }
}
