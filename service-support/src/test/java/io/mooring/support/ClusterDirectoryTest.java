package io.mooring.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mooring.events.MooringEvent;
import io.mooring.events.payload.ClusterConnected;
import io.mooring.events.payload.ClusterDeleted;
import io.mooring.events.payload.ClusterImported;
import io.mooring.events.payload.ModeChanged;
import io.mooring.support.api.ProblemException;
import io.mooring.support.clusters.ClusterChange;
import io.mooring.support.clusters.ClusterChange.Kind;
import io.mooring.support.clusters.ClusterDirectory;
import io.mooring.support.clusters.ClusterEntry;
import io.mooring.support.clusters.ClusterVisibility.Tombstones;
import io.mooring.support.security.Caller;
import io.mooring.support.security.Roles;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The directory against the real database: what each event stores, and what a caller is answered. */
@QuarkusTest
class ClusterDirectoryTest {

    private static final Caller TEAM_A = new Caller("alice", Set.of(Roles.VIEWER), Set.of("team-a"), null);
    private static final Caller TEAM_B = new Caller("bob", Set.of(Roles.VIEWER), Set.of("team-b"), null);

    @Inject
    ClusterDirectory directory;

    @Test
    void aConnectionBeforeTheImportAndAModeChangeEndInOneEntry() throws Throwable {
        UUID id = UUID.randomUUID();
        Instant at = Instant.parse("2026-02-01T08:00:00Z");

        assertThat(apply(new ClusterConnected(id, "team-a", "read-only", "v1.30.2", "aws", "eks", at.plusSeconds(9)))
                .kind()).isEqualTo(Kind.CREATED);
        assertThat(apply(new ClusterImported(id, "team-a", "prod-1", "eks", "read-only", Map.of(), "alice", at))
                .kind()).isEqualTo(Kind.UPDATED);
        apply(new ModeChanged(id, "team-a", "read-only", "full-permission", "alice", at.plusSeconds(20)));

        ClusterEntry stored = VertxContextSupport.subscribeAndAwait(() -> directory.find(id));
        assertThat(stored).isEqualTo(new ClusterEntry(id, "team-a", "prod-1", "eks", "full-permission", at,
                at.plusSeconds(9), false, null, stored.updatedAt()));
        assertThat(VertxContextSupport.subscribeAndAwait(() -> directory.visibleTo(id, TEAM_A))).isEqualTo(stored);
        assertNotFound(id, TEAM_B, Tombstones.HIDDEN);
    }

    @Test
    void aDeletedClusterStaysATombstoneThatAReplayedImportDoesNotRevive() throws Throwable {
        UUID id = UUID.randomUUID();
        Instant at = Instant.parse("2026-02-01T08:00:00Z");
        ClusterImported imported = new ClusterImported(id, "team-a", "prod-1", "eks", "read-only", Map.of(), "alice", at);
        apply(imported);

        assertThat(apply(new ClusterDeleted(id, "team-a", false, "alice", at.plusSeconds(60))).kind())
                .isEqualTo(Kind.DELETED);
        assertThat(apply(imported).kind()).isEqualTo(Kind.IGNORED);

        ClusterEntry stored = VertxContextSupport.subscribeAndAwait(() -> directory.find(id));
        assertThat(stored.deleted()).isTrue();
        assertThat(stored.deletedAt()).isEqualTo(at.plusSeconds(60));
        assertThat(VertxContextSupport.subscribeAndAwait(() -> directory.isDeleted(id))).isTrue();
        assertNotFound(id, TEAM_A, Tombstones.HIDDEN);
        assertThat(VertxContextSupport.subscribeAndAwait(() -> directory.visibleTo(id, TEAM_A, Tombstones.SHOWN)))
                .isEqualTo(stored);
    }

    @Test
    void anUnknownClusterIsNotFound() {
        assertNotFound(UUID.randomUUID(), TEAM_A, Tombstones.SHOWN);
    }

    private ClusterChange apply(MooringEvent event) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> directory.apply(event)));
    }

    private void assertNotFound(UUID id, Caller caller, Tombstones tombstones) {
        assertThatThrownBy(() -> VertxContextSupport.subscribeAndAwait(
                () -> directory.visibleTo(id, caller, tombstones)))
                .isInstanceOfSatisfying(ProblemException.class, problem -> assertThat(problem.status()).isEqualTo(404));
    }
}
