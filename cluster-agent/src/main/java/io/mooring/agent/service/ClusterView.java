package io.mooring.agent.service;

import io.mooring.agent.domain.PermissionEvaluator.Verdict;
import io.mooring.agent.domain.ProviderDetector.Detection;
import io.mooring.events.agent.AgentFacts;

/**
 * What the agent knows of its cluster and of its own permissions: read at start-up, then kept current by the
 * inventory loop (detection, version) and the permission re-checks (verdict). Every loop reads it; its facts go
 * into registration and status.
 */
final class ClusterView {

    private volatile Verdict verdict;
    private volatile Detection detection;
    private volatile String kubernetesVersion;
    private volatile String clusterUid;

    Verdict verdict() {
        return verdict;
    }

    void verdict(Verdict verdict) {
        this.verdict = verdict;
    }

    Detection detection() {
        return detection;
    }

    void detection(Detection detection) {
        this.detection = detection;
    }

    String kubernetesVersion() {
        return kubernetesVersion;
    }

    void kubernetesVersion(String kubernetesVersion) {
        this.kubernetesVersion = kubernetesVersion;
    }

    String clusterUid() {
        return clusterUid;
    }

    void clusterUid(String clusterUid) {
        this.clusterUid = clusterUid;
    }

    /** Writes are for a full-permission agent only: a read-only agent never writes to its cluster. */
    boolean mayWrite() {
        Verdict v = verdict;
        return v != null && v.full();
    }

    AgentFacts facts(String agentVersion) {
        Detection d = detection;
        return new AgentFacts(agentVersion, kubernetesVersion, d.provider(), d.platform(), verdict.permissions());
    }
}
