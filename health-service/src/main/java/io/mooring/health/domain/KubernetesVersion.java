package io.mooring.health.domain;

import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kubernetes version reduced to major.minor.patch. Distributions decorate the API server's gitVersion
 * (v1.30.4-eks-a737599, v1.29.7+k3s1, v1.27.16-gke.1008000, v1.28.9+rke2r1, OpenShift's v1.27.10+c79e5e2);
 * support is a matter of the upstream version alone, so the decoration is dropped.
 */
public record KubernetesVersion(int major, int minor, int patch) implements Comparable<KubernetesVersion> {

    // Optional v; major.minor, where minor may carry the "+" that version.Info.Minor has on EKS and GKE
    // ("30+"); optional patch; then any pre-release or build decoration.
    private static final Pattern VERSION =
            Pattern.compile("[vV]?(\\d{1,4})\\.(\\d{1,4})\\+?(?:\\.(\\d{1,9}))?(?:[-+].*)?");

    private static final Comparator<KubernetesVersion> ORDER = Comparator.comparingInt(KubernetesVersion::major)
            .thenComparingInt(KubernetesVersion::minor)
            .thenComparingInt(KubernetesVersion::patch);

    public KubernetesVersion {
        if (major < 0 || minor < 0 || patch < 0) {
            throw new IllegalArgumentException("Negative version component: " + major + "." + minor + "." + patch);
        }
    }

    public static KubernetesVersion of(int major, int minor) {
        return new KubernetesVersion(major, minor, 0);
    }

    /**
     * Parses a reported version, or empty when it is not one. There is no Kubernetes 3.x or 4.x, so such a
     * version is an OpenShift release, which some tools report instead of the API server's own version; it is
     * mapped to the Kubernetes minor it ships (4.6 is 1.19, 4.14 is 1.27, ...; 3.11 is 1.11). The patch of an
     * OpenShift release says nothing about the Kubernetes patch, so it becomes 0.
     */
    public static Optional<KubernetesVersion> parse(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        Matcher m = VERSION.matcher(raw.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        int patch = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        if (major == 4) {
            return Optional.of(of(1, openShift4ToKubernetesMinor(minor)));
        }
        if (major == 3) {
            return Optional.of(of(1, minor));
        }
        return Optional.of(new KubernetesVersion(major, minor, patch));
    }

    // OpenShift 4.1 shipped 1.13 and 4.2 shipped 1.14; from 4.3 (1.16) on, each release is 13 minors behind.
    private static int openShift4ToKubernetesMinor(int openShiftMinor) {
        if (openShiftMinor <= 1) {
            return 13;
        }
        if (openShiftMinor == 2) {
            return 14;
        }
        return openShiftMinor + 13;
    }

    public boolean isOlderThan(KubernetesVersion other) {
        return compareTo(other) < 0;
    }

    @Override
    public int compareTo(KubernetesVersion other) {
        return ORDER.compare(this, other);
    }

    /** "1.19"; support is decided by minor versions, so messages speak in them. */
    public String minorVersion() {
        return major + "." + minor;
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
