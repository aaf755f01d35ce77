package io.mooring.events.agent;

/**
 * One Kubernetes object an import manifest installs, as the agent needs it to delete it:
 * {@code namespace} is {@code null} for cluster-scoped objects.
 */
public record InstalledObject(String apiVersion, String kind, String namespace, String name) {
}
