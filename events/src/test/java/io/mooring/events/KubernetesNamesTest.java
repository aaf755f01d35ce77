package io.mooring.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KubernetesNamesTest {

    @ParameterizedTest
    @ValueSource(strings = { "a", "prod-eu", "cluster-01", "0abc",
            "a23456789012345678901234567890123456789012345678901234567890123" })
    void acceptsDnsLabels(String name) {
        assertThat(KubernetesNames.isDnsLabel(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "-a", "a-", "A", "a_b", "a.b", "a b", "a\n", "a\nb", "é",
            "a234567890123456789012345678901234567890123456789012345678901234", "x: y", "\"a\"" })
    void refusesWhatIsNotADnsLabel(String name) {
        assertThat(KubernetesNames.isDnsLabel(name)).isFalse();
        assertThat(KubernetesNames.dnsLabelProblem(name)).contains(KubernetesNames.DNS_LABEL_RULE);
    }

    @ParameterizedTest
    @ValueSource(strings = { "env", "Env", "app.kubernetes.io/name", "example.com/Team_1", "a", "a-b.c_d" })
    void acceptsLabelKeys(String key) {
        assertThat(KubernetesNames.isLabelKey(key)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "/x", "x/", "a/b/c", "Example.com/x", "-env", "env-", "a b", "a\nb", "pre_fix/x",
            "a234567890123456789012345678901234567890123456789012345678901234" })
    void refusesWhatIsNotALabelKey(String key) {
        assertThat(KubernetesNames.isLabelKey(key)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "prod", "v1.2.3", "A_b-c" })
    void acceptsLabelValues(String value) {
        assertThat(KubernetesNames.isLabelValue(value)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = { "-x", "x-", "a b", "a/b", "a\n", "x: y",
            "a234567890123456789012345678901234567890123456789012345678901234" })
    void refusesWhatIsNotALabelValue(String value) {
        assertThat(KubernetesNames.isLabelValue(value)).isFalse();
    }

    @org.junit.jupiter.api.Test
    void nullIsNeverAName() {
        assertThat(KubernetesNames.isDnsLabel(null)).isFalse();
        assertThat(KubernetesNames.isLabelKey(null)).isFalse();
        assertThat(KubernetesNames.isLabelValue(null)).isFalse();
    }
}
