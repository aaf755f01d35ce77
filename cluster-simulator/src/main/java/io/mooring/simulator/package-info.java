/**
 * Simulated imported clusters for tests, the local stack and benchmarks.
 *
 * <p>{@link io.mooring.simulator.SimulatedCluster} serves one cluster of a {@link io.mooring.simulator.Provider}
 * (EKS, AKS, GKE, OpenShift, k3s, ...) and size from a fabric8 mock API server in CRUD mode, with the RBAC of an
 * import {@link io.mooring.simulator.Mode}, permission reviews, discovery, metrics.k8s.io, paged lists, scripted
 * changes and a log of the agent's writes. {@link io.mooring.simulator.ClusterFixture} gives the same objects without
 * a server; {@link io.mooring.simulator.SimulatorMain} runs a cluster as its own process.
 */
package io.mooring.simulator;
