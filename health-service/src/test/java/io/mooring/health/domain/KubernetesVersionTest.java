package io.mooring.health.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class KubernetesVersionTest {

    @ParameterizedTest(name = "{0} is {1}.{2}.{3}")
    @CsvSource({
        // upstream and managed distributions
        "v1.30.4-eks-a737599,       1, 30, 4",
        "v1.29.7+k3s1,              1, 29, 7",
        "v1.27.16-gke.1008000,      1, 27, 16",
        "v1.28.9+rke2r1,            1, 28, 9",
        "v1.29.2,                   1, 29, 2",
        "v1.28.5-eks-1-28-12,       1, 28, 5",
        "v1.26.5+vmware.2,          1, 26, 5",
        "v1.31.0-rc.1,              1, 31, 0",
        "1.30.1,                    1, 30, 1",
        "v1.19,                     1, 19, 0",
        "' v1.25.3 ',               1, 25, 3",
        // version.Info major.minor as EKS and GKE report it
        "1.30+,                     1, 30, 0",
        // OpenShift: the API server's own version, then release versions mapped to the Kubernetes they ship
        "v1.27.10+c79e5e2,          1, 27, 10",
        "4.14.12,                   1, 27, 0",
        "4.6.1,                     1, 19, 0",
        "4.16.0,                    1, 29, 0",
        "4.3.40,                    1, 16, 0",
        "4.2.36,                    1, 14, 0",
        "3.11.784,                  1, 11, 0",
    })
    void parsesWhatClustersReport(String raw, int major, int minor, int patch) {
        assertThat(KubernetesVersion.parse(raw)).contains(new KubernetesVersion(major, minor, patch));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"latest", "v1", "1", "vx.y.z", "1..2", "v1.28.x"})
    void rejectsWhatIsNotAVersion(String raw) {
        assertThat(KubernetesVersion.parse(raw)).isEmpty();
    }

    @ParameterizedTest(name = "{0} < {1}")
    @CsvSource({"1.18.20, 1.19.0", "1.19.0, 1.19.1", "1.9.0, 1.19.0", "1.30.9, 1.31.0"})
    void ordersNumericallyNotAlphabetically(String older, String newer) {
        assertThat(KubernetesVersion.parse(older).orElseThrow())
                .isLessThan(KubernetesVersion.parse(newer).orElseThrow());
    }
}
