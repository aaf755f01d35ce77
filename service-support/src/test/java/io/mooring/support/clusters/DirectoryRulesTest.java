package io.mooring.support.clusters;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.events.MooringEvent;
import io.mooring.events.payload.AgentReRegistered;
import io.mooring.events.payload.ClusterConnected;
import io.mooring.events.payload.ClusterDeleted;
import io.mooring.events.payload.ClusterImported;
import io.mooring.events.payload.ModeChanged;
import io.mooring.support.clusters.ClusterChange.Kind;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DirectoryRulesTest {

    private static final UUID ID = UUID.randomUUID();
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private static final Instant NOW = Instant.parse("2026-01-01T10:05:00.123456789Z");

    private static ClusterImported imported(String mode) {
        return new ClusterImported(ID, "team-a", "prod-1", "eks", mode, Map.of(), "alice", T0);
    }

    private static ClusterConnected connected(String mode, Instant at) {
        return new ClusterConnected(ID, "team-a", mode, "v1.30.2", "aws", "eks", at);
    }

    @Test
    void anImportCreatesTheEntryWithEverythingTheEventSays() {
        ClusterChange change = DirectoryRules.apply(null, imported("read-only"), NOW);

        assertThat(change.kind()).isEqualTo(Kind.CREATED);
        assertThat(change.live()).isTrue();
        assertThat(change.entry()).isEqualTo(new ClusterEntry(ID, "team-a", "prod-1", "eks", "read-only", T0, null,
                false, null, Instant.parse("2026-01-01T10:05:00.123456Z")));
    }

    @Test
    void aConnectionSeenBeforeItsImportCreatesTheEntryAndTheImportFillsInTheRest() {
        Instant connectedAt = T0.plusSeconds(60);
        ClusterChange first = DirectoryRules.apply(null, connected("full-permission", connectedAt), NOW);
        ClusterChange then = DirectoryRules.apply(first.entry(), imported(null), NOW);

        assertThat(first.kind()).isEqualTo(Kind.CREATED);
        assertThat(first.entry().name()).isNull();
        assertThat(then.kind()).isEqualTo(Kind.UPDATED);
        assertThat(then.entry().name()).isEqualTo("prod-1");
        assertThat(then.entry().cloudType()).isEqualTo("eks");
        assertThat(then.entry().importMode()).isEqualTo("full-permission");
        assertThat(then.entry().importedAt()).isEqualTo(T0);
        assertThat(then.entry().connectedAt()).isEqualTo(connectedAt);
    }

    @Test
    void aFieldAnEventDoesNotCarryKeepsItsValue() {
        ClusterEntry known = DirectoryRules.apply(null, imported("read-only"), NOW).entry();

        ClusterEntry changed = DirectoryRules.apply(known,
                new ModeChanged(ID, null, "read-only", "full-permission", "bob", T0.plusSeconds(5)), NOW).entry();
        ClusterEntry unchanged = DirectoryRules.apply(changed,
                new ModeChanged(ID, "team-a", "read-only", null, "bob", T0.plusSeconds(6)), NOW).entry();

        assertThat(changed.importMode()).isEqualTo("full-permission");
        assertThat(changed.project()).isEqualTo("team-a");
        assertThat(unchanged.importMode()).isEqualTo("full-permission");
        assertThat(unchanged.name()).isEqualTo("prod-1");
    }

    @Test
    void theLatestConnectionTimeIsKeptWhateverTheOrder() {
        ClusterEntry later = DirectoryRules.apply(null, connected(null, T0.plusSeconds(120)), NOW).entry();

        ClusterEntry after = DirectoryRules.apply(later, connected(null, T0.plusSeconds(60)), NOW).entry();

        assertThat(after.connectedAt()).isEqualTo(T0.plusSeconds(120));
    }

    @Test
    void aDeletionLeavesATombstoneThatLaterEventsCannotChange() {
        ClusterEntry known = DirectoryRules.apply(null, imported("read-only"), NOW).entry();
        ClusterChange deleted = DirectoryRules.apply(known, new ClusterDeleted(ID, "team-a", false, "bob", T0), NOW);

        assertThat(deleted.kind()).isEqualTo(Kind.DELETED);
        assertThat(deleted.live()).isFalse();
        assertThat(deleted.entry().deleted()).isTrue();
        assertThat(deleted.entry().deletedAt()).isEqualTo(T0);
        assertThat(deleted.entry().name()).isEqualTo("prod-1");
        for (MooringEvent late : List.of(imported("full-permission"), connected(null, NOW),
                new ModeChanged(ID, "team-a", null, "full-permission", "bob", NOW),
                new ClusterDeleted(ID, "team-a", true, "bob", NOW))) {
            ClusterChange ignored = DirectoryRules.apply(deleted.entry(), late, NOW);
            assertThat(ignored.kind()).as(late.getClass().getSimpleName()).isEqualTo(Kind.IGNORED);
            assertThat(ignored.entry()).isEqualTo(deleted.entry());
        }
    }

    @Test
    void theDeletionOfAClusterNeverSeenIsATombstoneToo() {
        ClusterChange deleted = DirectoryRules.apply(null, new ClusterDeleted(ID, "team-b", false, "bob", null), NOW);

        assertThat(deleted.kind()).isEqualTo(Kind.DELETED);
        assertThat(deleted.entry().project()).isEqualTo("team-b");
        assertThat(deleted.entry().deletedAt()).isEqualTo(Instant.parse("2026-01-01T10:05:00.123456Z"));
    }

    @Test
    void eventsTheDirectoryDoesNotKeepPassThroughToTheService() {
        ClusterEntry known = DirectoryRules.apply(null, imported("read-only"), NOW).entry();

        ClusterChange other = DirectoryRules.apply(known, new AgentReRegistered(ID, "team-a", 2, "1.4.0", NOW), NOW);

        assertThat(other.kind()).isEqualTo(Kind.OTHER);
        assertThat(other.entry()).isSameAs(known);
    }
}
