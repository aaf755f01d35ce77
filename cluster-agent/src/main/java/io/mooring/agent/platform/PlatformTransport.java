package io.mooring.agent.platform;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * How the agent reaches the platform: directly or through an HTTPS proxy (a CONNECT tunnel; hosts of the no-proxy
 * list go direct), trusting the JVM's default CAs and, when given, the CAs of a PEM bundle as well. The import
 * manifest gives these as {@code HTTPS_PROXY}, {@code NO_PROXY} and {@code MOORING_PLATFORM_CA_BUNDLE}.
 *
 * <p>The proxy is an {@code http://host:port} URL: the JDK client speaks plain HTTP to the proxy and tunnels TLS
 * through it, so TLS to the proxy itself is not supported, and neither are credentials (the JDK refuses Basic
 * authentication for tunnels unless a JVM-wide property is changed, and a password would sit in clear text in the
 * Deployment). Only https platform URLs use the proxy, as {@code HTTPS_PROXY} means.
 */
public final class PlatformTransport {

    /** Direct, trusting the JVM's default CAs: what the agent did before proxies and bundles existed. */
    public static final PlatformTransport DIRECT = new PlatformTransport(null, NoProxy.of(List.of()), null, 0);

    private final URI proxy;
    private final NoProxy noProxy;
    private final SSLContext sslContext;
    private final int bundleCertificates;

    private PlatformTransport(URI proxy, NoProxy noProxy, SSLContext sslContext, int bundleCertificates) {
        this.proxy = proxy;
        this.noProxy = noProxy;
        this.sslContext = sslContext;
        this.bundleCertificates = bundleCertificates;
    }

    /**
     * The transport of these settings; each may be null (no proxy, no extra CAs).
     *
     * @throws IllegalArgumentException naming the setting that is not usable, so the agent stops at start-up with a
     *         message instead of failing every call
     */
    public static PlatformTransport of(String httpsProxy, List<String> noProxy, Path caBundle) {
        URI proxy = httpsProxy == null || httpsProxy.isBlank() ? null : proxyUri(httpsProxy.trim());
        SSLContext context = null;
        int certificates = 0;
        if (caBundle != null) {
            List<X509Certificate> bundle = readBundle(caBundle);
            context = sslContext(bundle);
            certificates = bundle.size();
        }
        return new PlatformTransport(proxy, NoProxy.of(noProxy), context, certificates);
    }

    /** The proxy, or null when the agent goes direct. */
    public URI proxy() {
        return proxy;
    }

    /** The selector for the JDK client, or null when there is no proxy (the client then goes direct). */
    public ProxySelector proxySelector() {
        // Unresolved: the proxy's name is looked up for each connection, not once at start-up.
        return proxy == null ? null : new Selector(InetSocketAddress.createUnresolved(proxy.getHost(), proxy.getPort()), noProxy);
    }

    /** Whether a request to {@code uri} goes through the proxy. */
    public boolean proxied(URI uri) {
        return proxy != null && "https".equalsIgnoreCase(uri.getScheme()) && !noProxy.matches(uri.getHost());
    }

    /** The TLS context trusting the default CAs and the bundle's, or null for the JDK's default context. */
    public SSLContext sslContext() {
        return sslContext;
    }

    /** How many CA certificates the bundle added to the JVM's (0: no bundle). */
    public int bundleCertificates() {
        return bundleCertificates;
    }

    @Override
    public String toString() {
        return (proxy == null ? "direct" : "through the proxy " + proxy)
                + (bundleCertificates == 0 ? "" : ", trusting " + bundleCertificates + " CA certificate(s) of the bundle besides the JVM's");
    }

    private static URI proxyUri(String value) {
        URI uri;
        try {
            uri = URI.create(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the HTTPS proxy (HTTPS_PROXY) is not a URL: " + e.getMessage(), e);
        }
        if (!"http".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("the HTTPS proxy (HTTPS_PROXY) must be an http://host:port URL: the agent"
                    + " tunnels TLS through the proxy with CONNECT and does not speak TLS to the proxy itself");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("the HTTPS proxy (HTTPS_PROXY) must not carry credentials: proxy"
                    + " authentication is not supported");
        }
        if (uri.getHost() == null || uri.getPort() <= 0) {
            throw new IllegalArgumentException("the HTTPS proxy (HTTPS_PROXY) must name a host and a port, e.g."
                    + " http://proxy.corp:3128");
        }
        return uri;
    }

    private static List<X509Certificate> readBundle(Path file) {
        List<X509Certificate> certificates = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            Collection<? extends Certificate> read = CertificateFactory.getInstance("X.509").generateCertificates(in);
            for (Certificate certificate : read) {
                certificates.add((X509Certificate) certificate);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("the platform CA bundle " + file + " (MOORING_PLATFORM_CA_BUNDLE) cannot be read: "
                    + e.getMessage(), e);
        } catch (CertificateException e) {
            throw new IllegalArgumentException("the platform CA bundle " + file + " (MOORING_PLATFORM_CA_BUNDLE) is not a PEM"
                    + " list of X.509 certificates: " + e.getMessage(), e);
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("the platform CA bundle " + file + " (MOORING_PLATFORM_CA_BUNDLE) holds no"
                    + " certificate");
        }
        return certificates;
    }

    private static SSLContext sslContext(List<X509Certificate> bundle) {
        try {
            KeyStore extra = KeyStore.getInstance(KeyStore.getDefaultType());
            extra.load(null, null);
            for (int i = 0; i < bundle.size(); i++) {
                extra.setCertificateEntry("mooring-platform-ca-" + i, bundle.get(i));
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] { new CompositeTrustManager(trustManager(null), trustManager(extra)) }, null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build the TLS context for the platform CA bundle", e);
        }
    }

    /** The PKIX trust manager of {@code store}; null: the JVM's default trust store. */
    static X509TrustManager trustManager(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new IllegalStateException("no X.509 trust manager for " + (store == null ? "the default trust store" : "the bundle"));
    }

    /** Proxies https URLs whose host is not on the no-proxy list; everything else goes direct. */
    private static final class Selector extends ProxySelector {
        private final List<Proxy> viaProxy;
        private final NoProxy noProxy;

        Selector(InetSocketAddress proxy, NoProxy noProxy) {
            this.viaProxy = List.of(new Proxy(Proxy.Type.HTTP, proxy));
            this.noProxy = noProxy;
        }

        @Override
        public List<Proxy> select(URI uri) {
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("https") || noProxy.matches(uri.getHost())) {
                return List.of(Proxy.NO_PROXY);
            }
            return viaProxy;
        }

        @Override
        public void connectFailed(URI uri, SocketAddress address, IOException e) {
            // One proxy, no fallback: the call fails and the agent's loops retry with backoff.
        }
    }
}
