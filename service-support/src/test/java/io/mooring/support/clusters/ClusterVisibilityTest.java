package io.mooring.support.clusters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mooring.support.api.ProblemException;
import io.mooring.support.clusters.ClusterVisibility.Tombstones;
import io.mooring.support.security.Caller;
import io.mooring.support.security.Roles;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ClusterVisibilityTest {

    private static final Caller ADMIN = new Caller("admin", Set.of(Roles.ADMIN), Set.of(), null);
    private static final Caller TEAM_A = new Caller("alice", Set.of(Roles.VIEWER), Set.of("team-a"), null);
    private static final Caller TEAM_B = new Caller("bob", Set.of(Roles.VIEWER), Set.of("team-b"), null);

    private static ClusterEntry entry(String project, boolean deleted) {
        Instant now = Instant.parse("2026-01-01T10:00:00Z");
        return new ClusterEntry(UUID.randomUUID(), project, "prod-1", "eks", "read-only", now, null, deleted,
                deleted ? now : null, now);
    }

    @Test
    void aMemberOfTheProjectAndAnAdminSeeTheCluster() {
        ClusterEntry cluster = entry("team-a", false);

        assertThat(ClusterVisibility.require(cluster, TEAM_A, Tombstones.HIDDEN)).isSameAs(cluster);
        assertThat(ClusterVisibility.require(cluster, ADMIN, Tombstones.HIDDEN)).isSameAs(cluster);
    }

    @Test
    void anUnknownAndAnInvisibleClusterAreAnsweredAlike() {
        assertNotFound(null, TEAM_A, Tombstones.SHOWN);
        assertNotFound(entry("team-a", false), TEAM_B, Tombstones.SHOWN);
    }

    @Test
    void aDeletedClusterIsNotFoundUnlessTheServiceShowsTombstones() {
        ClusterEntry deleted = entry("team-a", true);

        assertNotFound(deleted, ADMIN, Tombstones.HIDDEN);
        assertThat(ClusterVisibility.require(deleted, TEAM_A, Tombstones.SHOWN)).isSameAs(deleted);
        assertNotFound(deleted, TEAM_B, Tombstones.SHOWN);
    }

    @Test
    void aClusterNoEventGaveAProjectIsAnAdminsOnly() {
        ClusterEntry unscoped = entry(null, true);

        assertThat(ClusterVisibility.require(unscoped, ADMIN, Tombstones.SHOWN)).isSameAs(unscoped);
        assertNotFound(unscoped, TEAM_A, Tombstones.SHOWN);
    }

    private static void assertNotFound(ClusterEntry entry, Caller caller, Tombstones tombstones) {
        assertThatThrownBy(() -> ClusterVisibility.require(entry, caller, tombstones))
                .isInstanceOfSatisfying(ProblemException.class, problem -> {
                    assertThat(problem.status()).isEqualTo(404);
                    assertThat(problem.getMessage()).isEqualTo("Cluster not found");
                });
    }
}
