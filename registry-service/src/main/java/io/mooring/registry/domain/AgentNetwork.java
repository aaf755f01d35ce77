package io.mooring.registry.domain;

import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a cluster's agent reaches the platform: an HTTPS proxy, the hosts it reaches without it, and CA certificates
 * it trusts for the platform besides its JVM's. The import manifest carries them (see ManifestBuilder); they stay
 * with the cluster, so every import command issued later (a reissue, a migration) carries them too.
 *
 * <p>The proxy is {@code http://host:port}, without credentials: the agent's clients (the JDK's and fabric8's)
 * speak plain HTTP to the proxy and tunnel TLS through it, the JDK refuses Basic authentication for tunnels by
 * default, and a password would stand in clear text in the Deployment and in this service's database. A proxy that
 * wants authentication has to let the agent through by its source address. No-proxy entries are what both the
 * agent and its fabric8 client understand: host names and domains (a leading dot is optional), IP addresses and
 * CIDR blocks; no wildcards, no ports. The CA bundle is stored as the PEM of the certificates it held, nothing else:
 * comments are dropped and a private key is refused.
 */
public record AgentNetwork(String httpsProxy, List<String> noProxy, String caBundle) {

    public static final int MAX_PROXY_LENGTH = 2048;
    public static final int MAX_NO_PROXY_ENTRIES = 100;
    public static final int MAX_NO_PROXY_ENTRY_LENGTH = 253;
    /**
     * About 20 RSA or 40 EC certificates; a trust bundle for one platform needs a few. It also keeps the import
     * request under the registry's body limit (64 KiB).
     */
    public static final int MAX_CA_BUNDLE_LENGTH = 32_768;
    public static final int MAX_CERTIFICATES = 50;

    /** No proxy, no extra CAs: the agent goes direct and trusts its JVM's CAs only. */
    public static final AgentNetwork NONE = new AgentNetwork(null, List.of(), null);

    private static final Pattern NAME = Pattern.compile(
            "\\.?[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)*");
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-f:.]*:[0-9a-f:.]*");
    private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z0-9 ]{1,40})-----([A-Za-z0-9+/=\\s]*?)-----END \\1-----");

    public AgentNetwork {
        httpsProxy = httpsProxy == null || httpsProxy.isBlank() ? null : httpsProxy.trim();
        noProxy = noProxy == null ? List.of() : noProxy.stream().map(e -> e.trim().toLowerCase(Locale.ROOT)).distinct().toList();
        caBundle = caBundle == null || caBundle.isBlank() ? null : caBundle;
    }

    /**
     * The settings as given, validated (the API checks each field first and names it; this is the last word), with
     * the CA bundle rewritten as the bare PEM of its certificates.
     *
     * @throws IllegalArgumentException when a setting is not valid
     */
    public static AgentNetwork of(String httpsProxy, List<String> noProxy, String caBundle) {
        AgentNetwork network = new AgentNetwork(httpsProxy, noProxy, caBundle);
        network.problem().ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        return network.caBundle == null ? network
                : new AgentNetwork(network.httpsProxy, network.noProxy, pem(certificates(network.caBundle)));
    }

    public boolean isEmpty() {
        return httpsProxy == null && noProxy.isEmpty() && caBundle == null;
    }

    /** The first thing wrong with these settings, as {@code field: message}; empty when they are usable. */
    public Optional<String> problem() {
        Optional<String> proxy = httpsProxy == null ? Optional.empty() : proxyProblem(httpsProxy);
        if (proxy.isPresent()) {
            return proxy.map(p -> "httpsProxy: " + p);
        }
        if (!noProxy.isEmpty() && httpsProxy == null) {
            return Optional.of("noProxy: " + NO_PROXY_WITHOUT_PROXY);
        }
        if (noProxy.size() > MAX_NO_PROXY_ENTRIES) {
            return Optional.of("noProxy: at most " + MAX_NO_PROXY_ENTRIES + " entries");
        }
        for (String entry : noProxy) {
            Optional<String> problem = noProxyProblem(entry);
            if (problem.isPresent()) {
                return problem.map(p -> "noProxy: " + p);
            }
        }
        return caBundle == null ? Optional.empty() : caBundleProblem(caBundle).map(p -> "caBundle: " + p);
    }

    public static final String NO_PROXY_WITHOUT_PROXY = "applies only with httpsProxy: give the proxy as well";

    /** What is wrong with a proxy URL, or empty. */
    public static Optional<String> proxyProblem(String value) {
        if (value.length() > MAX_PROXY_LENGTH) {
            return Optional.of("must be at most " + MAX_PROXY_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(value.trim());
        } catch (URISyntaxException e) {
            return Optional.of("must be a URL such as http://proxy.corp:3128");
        }
        if ("https".equalsIgnoreCase(uri.getScheme())) {
            return Optional.of("must be an http:// URL: the agent tunnels TLS through the proxy with CONNECT and does"
                    + " not speak TLS to the proxy itself");
        }
        if (!"http".equalsIgnoreCase(uri.getScheme())) {
            return Optional.of("must be a URL such as http://proxy.corp:3128");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("must not contain credentials: proxy authentication is not supported (let the agent"
                    + " through by its source address)");
        }
        if (uri.getHost() == null) {
            return Optional.of("must name the proxy's host, e.g. http://proxy.corp:3128");
        }
        if (uri.getPort() < 1 || uri.getPort() > 65_535) {
            return Optional.of("must give the proxy's port, e.g. http://proxy.corp:3128");
        }
        boolean bare = (uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"))
                && uri.getRawQuery() == null && uri.getRawFragment() == null;
        return bare ? Optional.empty() : Optional.of("must be only scheme, host and port, without a path or query");
    }

    /** What is wrong with one no-proxy entry, or empty. */
    public static Optional<String> noProxyProblem(String value) {
        String entry = value.trim().toLowerCase(Locale.ROOT);
        if (entry.isEmpty() || entry.length() > MAX_NO_PROXY_ENTRY_LENGTH) {
            return Optional.of("must be a host name, a domain, an IP address or a CIDR block of at most "
                    + MAX_NO_PROXY_ENTRY_LENGTH + " characters");
        }
        if (entry.contains("*")) {
            return Optional.of("must not contain wildcards: .corp.example (or corp.example) covers every name under"
                    + " corp.example");
        }
        int slash = entry.indexOf('/');
        String address = slash < 0 ? entry : entry.substring(0, slash);
        byte[] literal = ipLiteral(address);
        if (literal != null) {
            if (slash < 0) {
                return Optional.empty();
            }
            String prefix = entry.substring(slash + 1);
            int max = literal.length * 8;
            if (prefix.matches("\\d{1,3}") && Integer.parseInt(prefix) <= max) {
                return Optional.empty();
            }
            return Optional.of("must have a prefix length from 0 to " + max);
        }
        if (slash < 0 && !IPV4.matcher(entry).matches() && NAME.matcher(entry).matches()) {
            return Optional.empty();
        }
        return Optional.of("must be a host name, a domain (.corp.example), an IP address or a CIDR block"
                + " (10.0.0.0/8), without a port");
    }

    /** What is wrong with a CA bundle, or empty. */
    public static Optional<String> caBundleProblem(String pem) {
        try {
            certificates(pem);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    /**
     * The certificates of a PEM bundle. Text outside the BEGIN/END blocks (the comments of common bundles) is
     * ignored; any block but CERTIFICATE is refused.
     */
    public static List<X509Certificate> certificates(String pem) {
        if (pem.length() > MAX_CA_BUNDLE_LENGTH) {
            throw new IllegalArgumentException("must be at most " + MAX_CA_BUNDLE_LENGTH + " characters");
        }
        CertificateFactory factory;
        try {
            factory = CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException(e);
        }
        List<X509Certificate> certificates = new ArrayList<>();
        Matcher block = PEM.matcher(pem);
        while (block.find()) {
            if (!block.group(1).equals("CERTIFICATE")) {
                throw new IllegalArgumentException("must hold only CERTIFICATE blocks (found " + block.group(1)
                        + "): never put a private key here");
            }
            if (certificates.size() == MAX_CERTIFICATES) {
                throw new IllegalArgumentException("must hold at most " + MAX_CERTIFICATES + " certificates");
            }
            try {
                byte[] der = Base64.getMimeDecoder().decode(block.group(2));
                certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
            } catch (IllegalArgumentException | CertificateException | ClassCastException e) {
                throw new IllegalArgumentException("certificate " + (certificates.size() + 1)
                        + " is not a valid X.509 certificate");
            }
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("must hold one or more PEM certificates"
                    + " (-----BEGIN CERTIFICATE----- ... -----END CERTIFICATE-----)");
        }
        if (pem.contains("-----BEGIN") && countOf(pem, "-----BEGIN") != certificates.size()) {
            throw new IllegalArgumentException("holds a BEGIN line without its END line, or a block that is not"
                    + " base64");
        }
        return certificates;
    }

    /** The SHA-256 fingerprint of a certificate, hex with colons, as {@code openssl x509 -fingerprint} shows it. */
    public static String fingerprint(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (NoSuchAlgorithmException | CertificateException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(List<X509Certificate> certificates) {
        StringBuilder out = new StringBuilder();
        Base64.Encoder encoder = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
        for (X509Certificate certificate : certificates) {
            try {
                out.append("-----BEGIN CERTIFICATE-----\n").append(encoder.encodeToString(certificate.getEncoded()))
                        .append("\n-----END CERTIFICATE-----\n");
            } catch (CertificateException e) {
                throw new IllegalStateException(e);
            }
        }
        return out.toString();
    }

    private static int countOf(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            count++;
        }
        return count;
    }

    /** The bytes of an IPv4 or IPv6 literal, or null; never a DNS lookup. */
    private static byte[] ipLiteral(String text) {
        Matcher v4 = IPV4.matcher(text);
        if (v4.matches()) {
            for (int i = 1; i <= 4; i++) {
                if (Integer.parseInt(v4.group(i)) > 255) {
                    return null;
                }
            }
        } else if (!IPV6.matcher(text).matches()) {
            return null;
        }
        try {
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
