package io.mooring.registry.api.dto;

import io.mooring.registry.api.validation.NoProxyEntry;
import io.mooring.registry.api.validation.PemCertificates;
import io.mooring.registry.api.validation.ProxyUrl;
import io.mooring.registry.domain.AgentNetwork;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** How the cluster's agent reaches the platform, as an import or a change gives it. */
@Schema(description = "How the cluster's agent reaches the platform: through an HTTPS proxy (hosts of noProxy go"
        + " direct), trusting the CA certificates of caBundle besides its JVM's. They go into the import manifest (the"
        + " proxy as HTTPS_PROXY and NO_PROXY, the bundle as a ConfigMap mounted into the agent) and stay with the"
        + " cluster, so every later import command carries them.")
public record AgentNetworkSettings(
        @Schema(description = "The HTTPS proxy, http://host:port. Without credentials: proxy authentication is not"
                + " supported. Not https://: the agent tunnels TLS through the proxy with CONNECT.",
                maxLength = AgentNetwork.MAX_PROXY_LENGTH, examples = "http://proxy.corp:3128")
        @Size(max = AgentNetwork.MAX_PROXY_LENGTH) @ProxyUrl String httpsProxy,
        @Schema(description = "Hosts the agent reaches without the proxy: host names and domains (with or without a"
                + " leading dot, each covers every name under it), IP addresses, CIDR blocks; no wildcards, no ports."
                + " Only with httpsProxy. The manifest adds the in-cluster API (kubernetes.default.svc, .svc,"
                + " .cluster.local and the API server's address) itself.", maxItems = AgentNetwork.MAX_NO_PROXY_ENTRIES)
        @Size(max = AgentNetwork.MAX_NO_PROXY_ENTRIES)
        List<@NotNull @Size(max = AgentNetwork.MAX_NO_PROXY_ENTRY_LENGTH) @NoProxyEntry String> noProxy,
        @Schema(description = "PEM: one or more X.509 CA certificates the agent trusts for the platform besides its"
                + " JVM's default ones (for a platform URL served with a certificate from a private CA). Text outside"
                + " the BEGIN/END blocks is dropped; any other block (a private key) is refused.",
                maxLength = AgentNetwork.MAX_CA_BUNDLE_LENGTH)
        @Size(max = AgentNetwork.MAX_CA_BUNDLE_LENGTH) @PemCertificates String caBundle) {

    /** The domain value; the fields were validated one by one, this also checks that noProxy comes with a proxy. */
    public AgentNetwork toDomain() {
        return AgentNetwork.of(httpsProxy, noProxy, caBundle);
    }
}
