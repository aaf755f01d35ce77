package io.mooring.registry.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.mooring.events.CloudType;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterCountsTest {

    @Test
    void anEmptyFleetHasEveryStatusModeAndCloudTypeAtZeroAndNoProvider() {
        ClusterCounts counts = ClusterCounts.of(List.of());

        assertThat(counts.total()).isZero();
        assertThat(counts.byStatus()).containsExactly(entry("Pending", 0L), entry("Running", 0L),
                entry("Deleting", 0L));
        assertThat(counts.byImportMode()).containsOnlyKeys("read-only", "full-permission").containsValues(0L);
        assertThat(counts.byCloudType()).hasSize(CloudType.values().length).containsValues(0L)
                .doesNotContainValue(1L);
        assertThat(counts.byDetectedProvider()).isEmpty();
    }

    @Test
    void groupsAddUpInEachDimension() {
        ClusterCounts counts = ClusterCounts.of(List.of(
                new ClusterCounts.Group(ClusterStatus.RUNNING, ImportMode.READ_ONLY, CloudType.EKS, "eks", 5),
                new ClusterCounts.Group(ClusterStatus.RUNNING, ImportMode.FULL_PERMISSION, CloudType.EKS, "eks", 2),
                new ClusterCounts.Group(ClusterStatus.RUNNING, ImportMode.READ_ONLY, CloudType.GENERIC, "gke", 3),
                new ClusterCounts.Group(ClusterStatus.PENDING, ImportMode.READ_ONLY, CloudType.AKS, null, 4),
                new ClusterCounts.Group(ClusterStatus.DELETING, ImportMode.FULL_PERMISSION, CloudType.AKS, "aks", 1)));

        assertThat(counts.total()).isEqualTo(15);
        assertThat(counts.byStatus()).containsExactly(entry("Pending", 4L), entry("Running", 10L),
                entry("Deleting", 1L));
        assertThat(counts.byImportMode()).containsEntry("read-only", 12L).containsEntry("full-permission", 3L);
        assertThat(counts.byCloudType()).containsEntry("eks", 7L).containsEntry("generic", 3L)
                .containsEntry("aks", 5L).containsEntry("gke", 0L);
        // A generic cluster counts under the provider its agent found, which is what the provider chart shows.
        assertThat(counts.byDetectedProvider().get("gke")).isEqualTo(3L);
    }

    @Test
    void detectedProvidersComeMostFrequentFirstThenByNameWithUndetectedClustersNamedAsSuch() {
        ClusterCounts counts = ClusterCounts.of(List.of(
                new ClusterCounts.Group(ClusterStatus.RUNNING, ImportMode.READ_ONLY, CloudType.GKE, "gke", 2),
                new ClusterCounts.Group(ClusterStatus.RUNNING, ImportMode.READ_ONLY, CloudType.AKS, "aks", 2),
                new ClusterCounts.Group(ClusterStatus.PENDING, ImportMode.READ_ONLY, CloudType.EKS, null, 1),
                new ClusterCounts.Group(ClusterStatus.RUNNING, ImportMode.READ_ONLY, CloudType.OPENSHIFT,
                        "openshift", 6)));

        assertThat(counts.byDetectedProvider()).containsExactly(entry("openshift", 6L), entry("aks", 2L),
                entry("gke", 2L), entry(ClusterCounts.NOT_DETECTED, 1L));
    }
}
