package io.mooring.registry.api.dto;

import io.mooring.registry.domain.AgentNetwork;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The agent's network settings as the API shows them: the CA bundle as what it holds, not its PEM. */
@Schema(description = "How the cluster's agent reaches the platform (see the import request's agentNetwork). The CA"
        + " bundle is shown as the certificates it holds.", requiredProperties = { "noProxy", "caCertificates" })
public record AgentNetworkView(
        @Schema(nullable = true, description = "The HTTPS proxy, or null for none.") String httpsProxy,
        @Schema(description = "Hosts reached without the proxy, as given (the manifest adds the in-cluster API).")
        List<String> noProxy,
        @Schema(description = "The certificates of the CA bundle, in its order; empty without one.")
        List<CaCertificate> caCertificates) {

    /** One certificate of the bundle. */
    @Schema(description = "A certificate of the CA bundle.", requiredProperties = { "subject", "notAfter", "sha256" })
    public record CaCertificate(@Schema(description = "The subject's distinguished name (RFC 2253).") String subject,
            @Schema(description = "When it expires.") Instant notAfter,
            @Schema(description = "SHA-256 fingerprint, hex pairs separated by colons.") String sha256) {
    }

    /** The view of a cluster's settings, null when it has none. */
    public static AgentNetworkView of(AgentNetwork network) {
        if (network == null || network.isEmpty()) {
            return null;
        }
        List<CaCertificate> certificates = network.caBundle() == null ? List.of()
                : AgentNetwork.certificates(network.caBundle()).stream().map(AgentNetworkView::certificate).toList();
        return new AgentNetworkView(network.httpsProxy(), network.noProxy(), certificates);
    }

    private static CaCertificate certificate(X509Certificate c) {
        return new CaCertificate(c.getSubjectX500Principal().getName(), c.getNotAfter().toInstant(), AgentNetwork.fingerprint(c));
    }
}
