package io.mooring.agent.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mooring.agent.support.AgentHarness;
import io.mooring.agent.support.ConnectProxy;
import io.mooring.agent.support.TestCa;
import io.mooring.simulator.Mode;
import io.mooring.simulator.Provider;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An agent behind a corporate proxy, reporting to a platform whose certificate comes from a private CA: a real
 * forward proxy (Jetty's CONNECT handler) between them, the platform served over HTTPS with a certificate from a
 * CA made in the test, which the JVM does not trust.
 */
class ProxyAndPrivateCaTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private final TestCa ca = TestCa.create("Mooring Test Corp CA");
    private ConnectProxy proxy;
    private Path bundleDir;

    @BeforeEach
    void startTheProxy() throws Exception {
        proxy = new ConnectProxy();
        bundleDir = Files.createTempDirectory("mooring-ca");
    }

    @AfterEach
    void stopTheProxy() throws Exception {
        proxy.close();
        Files.deleteIfExists(bundleDir.resolve("ca.crt"));
        Files.deleteIfExists(bundleDir);
    }

    @Test
    void registersAndReportsThroughTheProxyTrustingThePlatformByTheBundle() {
        try (AgentHarness h = AgentHarness.startWithHttpsPlatform(Provider.EKS, Mode.READ_ONLY, ca.serverContext())) {
            Path bundle = ca.writeBundle(bundleDir);
            Agent agent = h.startAgent(s -> s.httpsProxy(proxy.url()).platformCaBundle(bundle));

            await().atMost(WAIT).until(() -> h.platform.heartbeats.size() >= 2 && !h.platform.inventories.isEmpty());

            String platform = hostAndPort(h.platform.url());
            assertThat(proxy.connects).as("every connection to the platform was a tunnel through the proxy")
                    .isNotEmpty().allSatisfy(target -> assertThat(target).isEqualTo(platform));
            assertThat(h.platform.registrations).hasSize(1);
            assertThat(agent.snapshot().failingLoops()).isEmpty();
            assertThat(agent.platform().transport().proxied(URI.create(h.platform.url()))).isTrue();
        }
    }

    @Test
    void withoutTheBundleThePlatformsCertificateIsRefusedAndTheAgentSaysWhy() {
        try (AgentHarness h = AgentHarness.startWithHttpsPlatform(Provider.AKS, Mode.READ_ONLY, ca.serverContext())) {
            Agent agent = h.startAgent(s -> s.httpsProxy(proxy.url()));

            await().atMost(WAIT).until(() -> !agent.snapshot().failingLoops().isEmpty());

            assertThat(agent.snapshot().failingLoops()).singleElement().asString()
                    .startsWith("startup: ")
                    .contains("TLS handshake failed: the platform's certificate is not trusted")
                    .contains("agentNetwork.caBundle")
                    .contains("this agent has none");
            assertThat(proxy.connects).as("the tunnel was made; the TLS inside it failed")
                    .contains(hostAndPort(h.platform.url()));
            assertThat(h.platform.requests).as("no request reached the platform").isEmpty();
            assertThat(agent.phase()).isEqualTo(Agent.Phase.REGISTERING);
        }
    }

    @Test
    void aHostOnTheNoProxyListIsReachedDirectly() {
        try (AgentHarness h = AgentHarness.startWithHttpsPlatform(Provider.GKE, Mode.READ_ONLY, ca.serverContext())) {
            Path bundle = ca.writeBundle(bundleDir);
            Agent agent = h.startAgent(s -> s.httpsProxy(proxy.url())
                    .noProxy(List.of(".svc", ".cluster.local", "10.0.0.0/8", "localhost"))
                    .platformCaBundle(bundle));

            await().atMost(WAIT).until(() -> h.platform.heartbeats.size() >= 2);

            assertThat(proxy.connects).as("the proxy saw nothing").isEmpty();
            assertThat(h.platform.registrations).hasSize(1);
            assertThat(agent.platform().transport().proxied(URI.create(h.platform.url()))).isFalse();
        }
    }

    private static String hostAndPort(String url) {
        URI uri = URI.create(url);
        return uri.getHost() + ":" + uri.getPort();
    }
}
