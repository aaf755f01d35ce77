package io.mooring.agent.platform;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.stream.Stream;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Trusts a server whose chain either trust manager accepts: the JVM's default CAs first, then the CA bundle's. Both
 * are the JDK's PKIX trust managers, called through their engine and socket variants, so the host name is still
 * checked against the certificate (the JDK client asks for HTTPS endpoint identification). Client certificates
 * are not used by the agent; they are checked the same way for completeness.
 */
final class CompositeTrustManager extends X509ExtendedTrustManager {

    private final X509ExtendedTrustManager[] managers;

    CompositeTrustManager(X509TrustManager... managers) {
        this.managers = Arrays.stream(managers).map(CompositeTrustManager::extended).toArray(X509ExtendedTrustManager[]::new);
    }

    private static X509ExtendedTrustManager extended(X509TrustManager manager) {
        if (manager instanceof X509ExtendedTrustManager extended) {
            return extended;
        }
        throw new IllegalArgumentException("not an X509ExtendedTrustManager: " + manager.getClass().getName());
    }

    @FunctionalInterface
    private interface Check {
        void check(X509ExtendedTrustManager manager) throws CertificateException;
    }

    /** Passes when one manager accepts; otherwise throws the first refusal, the others suppressed in it. */
    private void anyOf(Check check) throws CertificateException {
        CertificateException first = null;
        for (X509ExtendedTrustManager manager : managers) {
            try {
                check.check(manager);
                return;
            } catch (CertificateException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        throw first != null ? first : new CertificateException("no trust manager");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        anyOf(m -> m.checkServerTrusted(chain, authType, engine));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        anyOf(m -> m.checkServerTrusted(chain, authType, socket));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        anyOf(m -> m.checkServerTrusted(chain, authType));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        anyOf(m -> m.checkClientTrusted(chain, authType, engine));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        anyOf(m -> m.checkClientTrusted(chain, authType, socket));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        anyOf(m -> m.checkClientTrusted(chain, authType));
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return Arrays.stream(managers).flatMap(m -> Stream.of(m.getAcceptedIssuers())).toArray(X509Certificate[]::new);
    }
}
