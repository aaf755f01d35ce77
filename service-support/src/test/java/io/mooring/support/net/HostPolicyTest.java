package io.mooring.support.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HostPolicyTest {

    private static final HostPolicy ANY_PUBLIC = new HostPolicy("chart", List.of(), false);

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1", "10.1.2.3", "172.16.0.9", "192.168.1.1", "169.254.169.254",
        "100.64.0.1", "0.0.0.0", "fd00::1", "fe80::1", "::ffff:127.0.0.1", "::ffff:169.254.169.254", "224.0.0.1",
        "198.18.0.1", "255.255.255.255"})
    void addressesOnlyTheServiceCanReachAreRefused(String literal) throws UnknownHostException {
        assertThat(ANY_PUBLIC.refusalOfAddresses("repo.example", List.of(InetAddress.getByName(literal))))
                .contains("not public");
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "151.101.1.69", "2606:4700::6810:84e5", "100.128.0.1", "172.32.0.1"})
    void publicAddressesAreAllowed(String literal) throws UnknownHostException {
        assertThat(ANY_PUBLIC.refusalOfAddresses("repo.example", List.of(InetAddress.getByName(literal)))).isNull();
    }

    @Test
    void oneNonPublicAddressAmongSeveralIsEnoughToRefuse() throws UnknownHostException {
        assertThat(ANY_PUBLIC.refusalOfAddresses("repo.example",
                List.of(InetAddress.getByName("8.8.8.8"), InetAddress.getByName("10.0.0.1")))).contains("10.0.0.1");
    }

    @Test
    void privateAddressesPassWhenTheInstallationAllowsThem() throws UnknownHostException {
        HostPolicy trusted = new HostPolicy("chart", List.of(), true);

        assertThat(trusted.refusalOfAddresses("localhost", List.of(InetAddress.getByName("127.0.0.1")))).isNull();
    }

    @Test
    void anAllowListAdmitsItsHostsAndTheSubdomainsOfItsWildcardsOnly() {
        HostPolicy listed = new HostPolicy("chart", List.of("charts.example.com", " *.Bitnami.com "), true);

        assertThat(listed.refusalOfName("charts.example.com")).isNull();
        assertThat(listed.refusalOfName("CHARTS.example.com.")).isNull();
        assertThat(listed.refusalOfName("charts.bitnami.com")).isNull();
        assertThat(listed.refusalOfName("bitnami.com")).contains("not among the chart hosts");
        assertThat(listed.refusalOfName("evilbitnami.com")).contains("not among the chart hosts");
        assertThat(listed.refusalOfName("example.com")).contains("not among the chart hosts");
        assertThat(listed.refusalOfName("")).isEqualTo("has no host");
    }

    @Test
    void anAllowedNameIsStillRefusedWhenItResolvesToAPrivateAddress() throws UnknownHostException {
        HostPolicy listed = new HostPolicy("chart", List.of("charts.example.com"), false);

        assertThat(listed.refusalOfAddresses("charts.example.com", List.of(InetAddress.getByName("169.254.169.254"))))
                .contains("not public");
    }
}
