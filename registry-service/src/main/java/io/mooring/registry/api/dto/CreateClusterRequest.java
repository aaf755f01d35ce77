package io.mooring.registry.api.dto;

import io.mooring.registry.api.validation.DnsLabel;
import io.mooring.registry.api.validation.LabelKey;
import io.mooring.registry.api.validation.LabelValue;
import io.mooring.registry.api.validation.PlainText;
import io.mooring.events.CloudType;
import io.mooring.events.KubernetesNames;
import io.mooring.registry.domain.ImportMode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code POST /api/v1/clusters}: a cluster to import. */
public record CreateClusterRequest(
        @Schema(description = "Unique in the project.", maxLength = KubernetesNames.MAX_LABEL_LENGTH,
                pattern = DNS_LABEL) @NotNull @DnsLabel String name,
        @Schema(description = "A project the caller is a member of.", maxLength = KubernetesNames.MAX_LABEL_LENGTH,
                pattern = DNS_LABEL) @NotNull @DnsLabel String project,
        @Schema(description = "Where the cluster runs, as declared.") @NotNull CloudType cloudType,
        @Schema(description = "read-only: the agent only reads; full-permission: it is bound to cluster-admin.")
        @NotNull ImportMode importMode,
        @Schema(description = "Plain text, no control characters.") @Size(max = 1000) @PlainText String description,
        @Schema(description = "Kubernetes labels (qualified-name keys, label values).")
        @Size(max = 64) Map<@LabelKey String, @LabelValue String> labels,
        @Schema(description = "Optional: an HTTPS proxy, a no-proxy list and a CA bundle for the agent. Omitted: the"
                + " agent goes direct and trusts its JVM's CAs.") @Valid AgentNetworkSettings agentNetwork) {

    static final String DNS_LABEL = "^" + KubernetesNames.DNS_LABEL_REGEX + "$";
}
