package io.mooring.health.domain;

import static io.mooring.health.domain.Fixtures.inventory;
import static io.mooring.health.domain.Fixtures.workload;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class SystemWorkloadsCheckTest {

    private final SystemWorkloadsCheck check = new SystemWorkloadsCheck(HealthThresholds.DEFAULTS);

    @Test
    void passesWhenEverySystemWorkloadIsReady() {
        CheckResult result = check.check(inventory().workloads(
                workload("kube-system", "Deployment", "coredns", 2, 2),
                workload("kube-system", "DaemonSet", "kube-proxy", 3, 3),
                workload("kube-system", "DaemonSet", "aws-node", 3, 3)).context());

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.name()).isEqualTo("system-workloads");
        assertThat(result.message()).isEqualTo("All 3 workloads in kube-system are ready");
    }

    @Test
    void warnsWhenASystemWorkloadIsPartlyReady() {
        CheckResult result = check.check(inventory().workloads(
                workload("kube-system", "Deployment", "coredns", 2, 2),
                workload("kube-system", "DaemonSet", "kube-proxy", 3, 2)).context());

        assertThat(result.status()).isEqualTo(CheckStatus.WARN);
        assertThat(result.message())
                .isEqualTo("1 of 2 workloads in kube-system is not ready: kube-system/kube-proxy (DaemonSet, 2/3 ready)");
    }

    @Test
    void failsWhenASystemWorkloadHasNoReadyPodAndListsItFirst() {
        CheckResult result = check.check(inventory().workloads(
                workload("kube-system", "DaemonSet", "kube-proxy", 3, 2),
                workload("kube-system", "Deployment", "coredns", 2, 0)).context());

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.message()).isEqualTo("2 of 2 workloads in kube-system are not ready (1 with no ready pod): "
                + "kube-system/coredns (Deployment, 0/2 ready) and kube-system/kube-proxy (DaemonSet, 2/3 ready)");
    }

    @Test
    void ignoresApplicationWorkloadsJobsAndWorkloadsScaledToZero() {
        CheckResult result = check.check(inventory().workloads(
                workload("kube-system", "Deployment", "coredns", 2, 2),
                workload("default", "Deployment", "web", 5, 0),
                workload("kube-system", "Job", "cleanup", 1, 0),
                workload("kube-system", "CronJob", "rotate", 1, 0),
                workload("kube-system", "Deployment", "parked", 0, 0)).context());

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.message()).isEqualTo("The workload in kube-system is ready");
    }

    @Test
    void passesWithoutSystemWorkloadsRatherThanStayingDegradedForever() {
        CheckResult result = check.check(inventory().workloads(workload("default", "Deployment", "web", 1, 1)).context());

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.message()).isEqualTo("No workloads reported in kube-system");
    }

    @Test
    void systemNamespacesAreConfigurable() {
        var openShift = new SystemWorkloadsCheck(
                HealthThresholds.DEFAULTS.withSystemNamespaces(Set.of("kube-system", "openshift-dns")));

        CheckResult result = openShift.check(inventory().workloads(
                workload("openshift-dns", "DaemonSet", "dns-default", 3, 0)).context());

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.message()).contains("in kube-system and openshift-dns")
                .contains("openshift-dns/dns-default (DaemonSet, 0/3 ready)");
    }
}
