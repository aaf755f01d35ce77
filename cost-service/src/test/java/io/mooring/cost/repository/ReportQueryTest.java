package io.mooring.cost.repository;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.cost.repository.ReportQuery.Bucket;
import io.mooring.cost.repository.ReportQuery.Segment;
import io.mooring.cost.repository.Rollups.Granularity;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ReportQueryTest {

    private static Instant at(String text) {
        return Instant.parse(text);
    }

    @Test
    void wholeDaysComeFromTheDayTablesAndTheEdgesFromTheHourTables() {
        assertThat(ReportQuery.segments(at("2026-03-05T22:00:00Z"), at("2026-03-08T02:00:00Z"), Bucket.NONE))
                .containsExactly(
                        new Segment(Granularity.HOUR, at("2026-03-05T22:00:00Z"), at("2026-03-06T00:00:00Z")),
                        new Segment(Granularity.DAY, at("2026-03-06T00:00:00Z"), at("2026-03-08T00:00:00Z")),
                        new Segment(Granularity.HOUR, at("2026-03-08T00:00:00Z"), at("2026-03-08T02:00:00Z")));
        assertThat(ReportQuery.segments(at("2026-03-01T00:00:00Z"), at("2026-03-31T00:00:00Z"), Bucket.DAY))
                .containsExactly(new Segment(Granularity.DAY, at("2026-03-01T00:00:00Z"), at("2026-03-31T00:00:00Z")));
    }

    @Test
    void windowsWithinADayAndHourlyStepsReadHours() {
        assertThat(ReportQuery.segments(at("2026-03-05T10:00:00Z"), at("2026-03-05T22:00:00Z"), Bucket.NONE))
                .containsExactly(new Segment(Granularity.HOUR, at("2026-03-05T10:00:00Z"), at("2026-03-05T22:00:00Z")));
        assertThat(ReportQuery.segments(at("2026-03-05T22:00:00Z"), at("2026-03-06T10:00:00Z"), Bucket.NONE))
                .containsExactly(new Segment(Granularity.HOUR, at("2026-03-05T22:00:00Z"), at("2026-03-06T10:00:00Z")));
        assertThat(ReportQuery.segments(at("2026-03-01T00:00:00Z"), at("2026-03-03T00:00:00Z"), Bucket.HOUR))
                .containsExactly(new Segment(Granularity.HOUR, at("2026-03-01T00:00:00Z"), at("2026-03-03T00:00:00Z")));
    }

    @Test
    void fleetQueriesAreScopedByProjectAndClusterQueriesByCluster() {
        var fleet = ReportQuery.build(ReportQuery.Scope.fleet(List.of("a", "b")), at("2026-03-01T00:00:00Z"),
                at("2026-03-31T00:00:00Z"), ReportQuery.Grouping.PROJECT, null, Bucket.NONE, 100);
        assertThat(fleet.text()).contains("from cost_cluster_day r").doesNotContain("cost_cluster_hour")
                .contains("r.cluster_id in (select id from cost_cluster where project = any($1))")
                .endsWith("limit 100");
        assertThat(fleet.parameters()).hasSize(3);
        UUID id = UUID.randomUUID();
        var cluster = ReportQuery.build(ReportQuery.Scope.cluster(id), at("2026-03-01T10:00:00Z"),
                at("2026-03-03T00:00:00Z"), ReportQuery.Grouping.LABEL, "team", Bucket.DAY, 10);
        assertThat(cluster.parameters().get(0)).isEqualTo(id);
        assertThat(cluster.text()).contains("cost_label_hour").contains("cost_label_day").contains("cost_namespace_day")
                .contains("r.cluster_id = $1").contains("date_trunc('day', u.bucket, 'UTC')")
                .doesNotContain("cost_project_");
        var fleetLabels = ReportQuery.build(ReportQuery.Scope.fleet(List.of("a")), at("2026-03-01T00:00:00Z"),
                at("2026-03-31T00:00:00Z"), ReportQuery.Grouping.LABEL, "team", Bucket.NONE, 10);
        assertThat(fleetLabels.text()).contains("from cost_project_label_day r").contains("from cost_project_namespace_day r")
                .contains("r.project = any($1)").doesNotContain("join cost_cluster");
    }
}
