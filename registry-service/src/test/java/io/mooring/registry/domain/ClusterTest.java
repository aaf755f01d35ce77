package io.mooring.registry.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.events.CloudType;
import io.mooring.events.WireValue;
import io.mooring.events.agent.AgentFacts;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ClusterTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void theFirstConnectionMakesItRunningAndLaterOnesChangeNothing() {
        Cluster cluster = cluster(ImportMode.READ_ONLY);
        assertThat(cluster.connect(NOW)).isTrue();
        assertThat(cluster.status).isEqualTo(ClusterStatus.RUNNING);
        assertThat(cluster.connect(NOW.plusSeconds(60))).isFalse();
        assertThat(cluster.connectedAt).isEqualTo(NOW);
    }

    @Test
    void theClusterIsIdentifiedOnlyByTheUidItWasBoundTo() {
        Cluster cluster = cluster(ImportMode.READ_ONLY);
        assertThat(cluster.isIdentifiedBy("uid-1")).as("nothing bound yet").isFalse();
        assertThat(cluster.bindIdentity(null, NOW)).isFalse();
        assertThat(cluster.clusterUid).isNull();

        assertThat(cluster.bindIdentity("uid-1", NOW)).as("a first binding is no re-binding").isFalse();
        assertThat(cluster.isIdentifiedBy("uid-1")).isTrue();
        assertThat(cluster.isIdentifiedBy("uid-2")).isFalse();
        assertThat(cluster.isIdentifiedBy(null)).isFalse();

        assertThat(cluster.bindIdentity("uid-2", NOW)).as("a fresh token's agent in another cluster").isTrue();
        assertThat(cluster.isIdentifiedBy("uid-1")).isFalse();
    }

    @Test
    void reRegistrationsAreCountedWithoutTouchingTheConnection() {
        Cluster cluster = cluster(ImportMode.READ_ONLY);
        cluster.connect(NOW);
        cluster.reRegistered(NOW.plusSeconds(60));
        cluster.reRegistered(NOW.plusSeconds(120));
        assertThat(cluster.reRegistrations).isEqualTo(2);
        assertThat(cluster.lastReRegisteredAt).isEqualTo(NOW.plusSeconds(120));
        assertThat(cluster.connectedAt).isEqualTo(NOW);
        assertThat(cluster.status).isEqualTo(ClusterStatus.RUNNING);
    }

    @Test
    void aMigrationCompletesOnlyWhenTheAgentConfirmsThePendingMode() {
        Cluster cluster = cluster(ImportMode.READ_ONLY);
        cluster.requestMigration(ImportMode.FULL_PERMISSION, "otto", NOW);
        assertThat(cluster.manifestMode()).isEqualTo(ImportMode.FULL_PERMISSION);

        cluster.observe(facts("read-only"), NOW);
        assertThat(cluster.confirmMigration(NOW)).isEmpty();
        assertThat(cluster.importMode).isEqualTo(ImportMode.READ_ONLY);

        cluster.observe(facts("full-permission"), NOW);
        assertThat(cluster.confirmMigration(NOW)).contains(
                new Cluster.Migration(ImportMode.READ_ONLY, ImportMode.FULL_PERMISSION, "otto"));
        assertThat(cluster.importMode).isEqualTo(ImportMode.FULL_PERMISSION);
        assertThat(cluster.pendingMode).isNull();
        assertThat(cluster.confirmMigration(NOW)).isEmpty();
    }

    @Test
    void widerPermissionsWithoutAMigrationAreRecordedButChangeNoMode() {
        Cluster cluster = cluster(ImportMode.READ_ONLY);
        cluster.observe(facts("full-permission"), NOW);
        assertThat(cluster.confirmMigration(NOW)).isEmpty();
        assertThat(cluster.importMode).isEqualTo(ImportMode.READ_ONLY);
        assertThat(cluster.agentPermissions).isEqualTo("full-permission");
    }

    @Test
    void aDetectedProviderIsComparedNotAdopted() {
        Cluster cluster = cluster(ImportMode.READ_ONLY);
        assertThat(cluster.providerMismatch()).isNull();
        cluster.observe(new AgentFacts("0.1.0", "v1.30.1", "aks", "aks", "read-only"), NOW);
        assertThat(cluster.providerMismatch()).isTrue();
        assertThat(cluster.cloudType).isEqualTo(CloudType.AZURE);
        cluster.observe(new AgentFacts(null, null, "azure", null, null), NOW);
        assertThat(cluster.providerMismatch()).isFalse();
        assertThat(cluster.kubernetesVersion).isEqualTo("v1.30.1");
    }

    @Test
    void deletingCancelsAPendingMigration() {
        Cluster cluster = cluster(ImportMode.READ_ONLY);
        cluster.requestMigration(ImportMode.FULL_PERMISSION, "otto", NOW);
        cluster.markDeleting("ada", NOW);
        assertThat(cluster.isDeleting()).isTrue();
        assertThat(cluster.pendingMode).isNull();
        assertThat(cluster.deletionRequestedBy).isEqualTo("ada");
    }

    @Test
    void importTokensAreUsableOnlyOnceAndBeforeTheyExpire() {
        ImportToken token = ImportToken.issue(UUID.randomUUID(), "h", ImportMode.READ_ONLY, "otto", NOW,
                NOW.plusSeconds(60));
        assertThat(token.state(NOW)).isEqualTo(ImportToken.State.USABLE);
        assertThat(token.state(NOW.plusSeconds(60))).isEqualTo(ImportToken.State.EXPIRED);
        token.revokedAt = NOW;
        assertThat(token.state(NOW)).isEqualTo(ImportToken.State.REVOKED);
        token.spentAt = NOW;
        assertThat(token.state(NOW)).isEqualTo(ImportToken.State.SPENT);
    }

    @Test
    void wireValuesAreTheDocumentedStrings() {
        assertThat(CloudType.EKS_ANYWHERE.toString()).isEqualTo("eks-anywhere");
        assertThat(ImportMode.FULL_PERMISSION.toString()).isEqualTo("full-permission");
        assertThat(ClusterStatus.DELETING.toString()).isEqualTo("Deleting");
        assertThat(WireValue.parse(CloudType.class, "eks-anywhere")).contains(CloudType.EKS_ANYWHERE);
        assertThat(WireValue.parse(CloudType.class, "EKS_ANYWHERE")).isEmpty();
        assertThat(WireValue.allowed(ImportMode.class)).isEqualTo("[read-only, full-permission]");
    }

    private static Cluster cluster(ImportMode mode) {
        return Cluster.importing(UUID.randomUUID(), "payments", "prod-eu", null, Map.of("env", "prod"),
                CloudType.AZURE, mode, "otto", NOW);
    }

    private static AgentFacts facts(String permissions) {
        return new AgentFacts("0.1.0", "v1.30.1", "azure", "kubeadm", permissions);
    }
}
