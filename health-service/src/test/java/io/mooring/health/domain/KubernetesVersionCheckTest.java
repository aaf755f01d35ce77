package io.mooring.health.domain;

import static io.mooring.health.domain.Fixtures.inventory;
import static io.mooring.health.domain.Fixtures.readyNode;
import static io.mooring.health.domain.Fixtures.withKubelet;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KubernetesVersionCheckTest {

    private final KubernetesVersionCheck check = new KubernetesVersionCheck(HealthThresholds.DEFAULTS);

    @Test
    void passesForASupportedVersionAndShowsWhatWasReported() {
        CheckResult result = check.check(inventory().version("v1.30.4-eks-a737599").context());

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.name()).isEqualTo("kubernetes-version");
        assertThat(result.message()).isEqualTo("Kubernetes 1.30 (v1.30.4-eks-a737599) is supported");
    }

    @Test
    void theOldestSupportedVersionPasses() {
        assertThat(check.check(inventory().version("v1.19.0").context()).status()).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void failsForAVersionOlderThan119() {
        CheckResult result = check.check(inventory().version("v1.18.20-eks-8c579e").context());

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.message())
                .isEqualTo("Kubernetes 1.18 (v1.18.20-eks-8c579e) is older than 1.19, the oldest supported version");
    }

    @Test
    void failsForAnOpenShiftReleaseShippingAnOldKubernetes() {
        CheckResult result = check.check(inventory().version("4.5.41").context());

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.message()).startsWith("Kubernetes 1.18 (4.5.41) is older than 1.19");
    }

    @Test
    void warnsWhenTheVersionCannotBeRead() {
        CheckResult result = check.check(inventory().version("latest").context());

        assertThat(result.status()).isEqualTo(CheckStatus.WARN);
        assertThat(result.message()).isEqualTo("Could not read the Kubernetes version \"latest\"");
    }

    @Test
    void warnsWhenNoVersionWasReported() {
        CheckResult result = check.check(inventory().version(null).context());

        assertThat(result.status()).isEqualTo(CheckStatus.WARN);
        assertThat(result.message()).isEqualTo("The cluster did not report its Kubernetes version");
    }

    @Test
    void warnsWhenNodesRunAnUnsupportedKubeletUnderASupportedControlPlane() {
        CheckResult result = check.check(inventory().version("v1.21.14")
                .nodes(withKubelet(readyNode("old-1"), "v1.18.3"), withKubelet(readyNode("new-1"), "v1.21.14"))
                .context());

        assertThat(result.status()).isEqualTo(CheckStatus.WARN);
        assertThat(result.message()).isEqualTo(
                "Kubernetes 1.21 (v1.21.14) is supported, but 1 of 2 nodes run a kubelet older than 1.19: old-1 (v1.18.3)");
    }

    @Test
    void minimumVersionIsConfigurable() {
        var strict = new KubernetesVersionCheck(
                HealthThresholds.DEFAULTS.withMinimumKubernetesVersion(KubernetesVersion.of(1, 28)));
        var ctx = inventory().version("v1.27.16-gke.1008000").context();

        assertThat(check.check(ctx).status()).isEqualTo(CheckStatus.PASS);
        assertThat(strict.check(ctx).status()).isEqualTo(CheckStatus.FAIL);
    }
}
