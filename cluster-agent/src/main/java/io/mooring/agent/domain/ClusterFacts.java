package io.mooring.agent.domain;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSystemInfo;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What provider detection looks at, as read from the API server: the server version, a few facts per node,
 * the API groups served ({@code /apis}) and the namespace names. Null collections are read as empty.
 */
public record ClusterFacts(
        String serverGitVersion,
        List<NodeFacts> nodes,
        Set<String> apiGroups,
        Set<String> namespaces) {

    public ClusterFacts {
        serverGitVersion = serverGitVersion == null ? "" : serverGitVersion;
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
        apiGroups = apiGroups == null ? Set.of() : Set.copyOf(apiGroups);
        namespaces = namespaces == null ? Set.of() : Set.copyOf(namespaces);
    }

    /** The facts of one node; {@code providerId} is the node's {@code spec.providerID} (null when the cluster has no cloud provider). */
    public record NodeFacts(
            String name,
            String providerId,
            Map<String, String> labels,
            String kubeletVersion,
            String osImage,
            String containerRuntimeVersion) {

        public NodeFacts {
            name = name == null ? "" : name;
            providerId = providerId == null ? "" : providerId;
            labels = labels == null ? Map.of() : Map.copyOf(labels);
            kubeletVersion = kubeletVersion == null ? "" : kubeletVersion;
            osImage = osImage == null ? "" : osImage;
            containerRuntimeVersion = containerRuntimeVersion == null ? "" : containerRuntimeVersion;
        }

        /** Reads the facts from a node as the API server returns it; missing parts become empty. */
        public static NodeFacts of(Node node) {
            var metadata = node.getMetadata();
            String providerId = node.getSpec() == null ? null : node.getSpec().getProviderID();
            NodeSystemInfo info = node.getStatus() == null ? null : node.getStatus().getNodeInfo();
            return new NodeFacts(
                    metadata == null ? null : metadata.getName(),
                    providerId,
                    metadata == null ? null : metadata.getLabels(),
                    info == null ? null : info.getKubeletVersion(),
                    info == null ? null : info.getOsImage(),
                    info == null ? null : info.getContainerRuntimeVersion());
        }
    }
}
