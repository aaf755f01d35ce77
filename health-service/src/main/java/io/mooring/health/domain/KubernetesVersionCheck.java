package io.mooring.health.domain;

import io.mooring.events.inventory.Node;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The control plane's version against the oldest supported one (1.19 by default): older fails. A version
 * that cannot be read warns rather than fails, since the cluster may well be fine. Nodes whose kubelet is
 * older than the minimum under a supported control plane warn: the cluster works, but those nodes do not.
 */
public final class KubernetesVersionCheck implements HealthCheck {

    public static final String NAME = "kubernetes-version";

    private final HealthThresholds thresholds;

    public KubernetesVersionCheck(HealthThresholds thresholds) {
        this.thresholds = thresholds;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CheckResult check(HealthContext ctx) {
        String raw = ctx.kubernetesVersion();
        KubernetesVersion minimum = thresholds.minimumKubernetesVersion();
        if (raw == null || raw.isBlank()) {
            return CheckResult.warn(NAME, "The cluster did not report its Kubernetes version");
        }
        Optional<KubernetesVersion> parsed = KubernetesVersion.parse(raw);
        if (parsed.isEmpty()) {
            return CheckResult.warn(NAME, "Could not read the Kubernetes version \"" + raw + "\"");
        }
        KubernetesVersion version = parsed.get();
        if (version.isOlderThan(minimum)) {
            return CheckResult.fail(NAME, "Kubernetes " + version.minorVersion() + " (" + raw
                    + ") is older than " + minimum.minorVersion() + ", the oldest supported version");
        }
        List<Node> oldKubelets = ctx.nodes().stream()
                .filter(n -> KubernetesVersion.parse(n.kubeletVersion()).map(v -> v.isOlderThan(minimum)).orElse(false))
                .sorted(Comparator.comparing(Node::name, Messages.NATURAL_ORDER))
                .toList();
        if (!oldKubelets.isEmpty()) {
            return CheckResult.warn(NAME, "Kubernetes " + version.minorVersion() + " (" + raw + ") is supported, but "
                    + oldKubelets.size() + " of " + ctx.nodes().size() + " nodes run a kubelet older than "
                    + minimum.minorVersion() + ": " + Messages.list(
                            oldKubelets.stream().map(n -> Messages.orUnknown(n.name()) + " (" + n.kubeletVersion() + ")").toList(),
                            thresholds.maxNamesInMessage()));
        }
        return CheckResult.pass(NAME, "Kubernetes " + version.minorVersion() + " (" + raw + ") is supported");
    }
}
