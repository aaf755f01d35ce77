package io.mooring.agent.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mooring.agent.support.TestCa;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The proxy choice, the no-proxy list and the trust in a CA bundle besides the JVM's, without a network. */
class PlatformTransportTest {

    @Test
    void noProxyEntriesMatchNamesUnderThemAddressesAndBlocks() {
        NoProxy noProxy = NoProxy.of(NoProxy.split(" .corp.example, svc.cluster.local,10.0.0.0/8, 192.168.1.7 ,fd00::/8,[::1]"));

        assertThat(noProxy.matches("api.corp.example")).isTrue();
        assertThat(noProxy.matches("corp.example")).isTrue();
        assertThat(noProxy.matches("API.Corp.Example.")).isTrue();
        assertThat(noProxy.matches("notcorp.example")).as("a suffix of labels, not of characters").isFalse();
        assertThat(noProxy.matches("kubernetes.default.svc.cluster.local")).isTrue();
        assertThat(noProxy.matches("10.96.0.1")).isTrue();
        assertThat(noProxy.matches("11.0.0.1")).isFalse();
        assertThat(noProxy.matches("192.168.1.7")).isTrue();
        assertThat(noProxy.matches("192.168.1.8")).isFalse();
        assertThat(noProxy.matches("[fd12::1]")).isTrue();
        assertThat(noProxy.matches("[fe80::1]")).isFalse();
        assertThat(noProxy.matches("[::1]")).isTrue();
        assertThat(noProxy.matches("mooring.example.com")).isFalse();
        assertThat(NoProxy.of(List.of("*")).matches("anything.example")).isTrue();
        assertThatThrownBy(() -> NoProxy.of(List.of("10.0.0.0/33"))).hasMessageContaining("prefix length");
    }

    @Test
    void onlyHttpsUrlsOffTheNoProxyListGoThroughTheProxy() {
        PlatformTransport transport = PlatformTransport.of("http://proxy.corp:3128", List.of(".corp", "10.0.0.0/8"), null);
        ProxySelector selector = transport.proxySelector();

        List<Proxy> viaProxy = selector.select(URI.create("https://mooring.example.com/api"));
        assertThat(viaProxy).singleElement().satisfies(p -> {
            assertThat(p.type()).isEqualTo(Proxy.Type.HTTP);
            assertThat(p.address().toString()).contains("proxy.corp").contains("3128");
        });
        assertThat(selector.select(URI.create("https://mooring.corp/api"))).containsExactly(Proxy.NO_PROXY);
        assertThat(selector.select(URI.create("https://10.1.2.3:8443/api"))).containsExactly(Proxy.NO_PROXY);
        assertThat(selector.select(URI.create("http://mooring.example.com/api"))).as("HTTPS_PROXY is for https only")
                .containsExactly(Proxy.NO_PROXY);
        assertThat(PlatformTransport.DIRECT.proxySelector()).isNull();
    }

    @Test
    void aProxyUrlTheAgentCannotUseStopsItWithTheReason() {
        assertThatThrownBy(() -> PlatformTransport.of("https://proxy.corp:3128", List.of(), null))
                .hasMessageContaining("http://host:port");
        assertThatThrownBy(() -> PlatformTransport.of("http://user:secret@proxy.corp:3128", List.of(), null))
                .hasMessageContaining("credentials");
        assertThatThrownBy(() -> PlatformTransport.of("http://proxy.corp", List.of(), null))
                .hasMessageContaining("port");
    }

    @Test
    void theBundleIsTrustedBesidesTheJvmsDefaultCas() throws Exception {
        TestCa ca = TestCa.create("Bundle CA");
        TestCa stranger = TestCa.create("Stranger CA");
        KeyStore bundle = KeyStore.getInstance(KeyStore.getDefaultType());
        bundle.load(null, null);
        bundle.setCertificateEntry("ca", ca.certificate());
        CompositeTrustManager trust = new CompositeTrustManager(PlatformTransport.trustManager(null),
                PlatformTransport.trustManager(bundle));

        int jvmCas = PlatformTransport.trustManager(null).getAcceptedIssuers().length;
        assertThat(jvmCas).as("the JVM's default trust store").isPositive();
        assertThat(trust.getAcceptedIssuers()).hasSize(jvmCas + 1).contains(ca.certificate());
        trust.checkServerTrusted(ca.serverChain(), "ECDHE_ECDSA");
        assertThatThrownBy(() -> trust.checkServerTrusted(stranger.serverChain(), "ECDHE_ECDSA"))
                .isInstanceOf(CertificateException.class);
        assertThatThrownBy(() -> PlatformTransport.trustManager(null).checkServerTrusted(ca.serverChain(), "ECDHE_ECDSA"))
                .as("the JVM alone does not trust the test CA").isInstanceOf(CertificateException.class);
    }

    @Test
    void aBundleIsReadAsAListOfCertificatesAndAnUnreadableOneStopsTheAgentWithTheReason() throws Exception {
        Path empty = Files.createTempFile("bundle", ".pem");
        try {
            Files.writeString(empty, "not a certificate\n");
            assertThatThrownBy(() -> PlatformTransport.of(null, List.of(), empty)).hasMessageContaining("MOORING_PLATFORM_CA_BUNDLE");
            assertThatThrownBy(() -> PlatformTransport.of(null, List.of(), empty.resolveSibling("missing.pem")))
                    .hasMessageContaining("cannot be read");
            Files.writeString(empty, TestCa.create("One CA").pem() + TestCa.create("Another CA").pem());
            PlatformTransport transport = PlatformTransport.of(null, List.of(), empty);
            assertThat(transport.bundleCertificates()).isEqualTo(2);
            assertThat(transport.sslContext()).isNotNull();
            assertThat(transport.proxySelector()).isNull();
        } finally {
            Files.deleteIfExists(empty);
        }
    }
}
