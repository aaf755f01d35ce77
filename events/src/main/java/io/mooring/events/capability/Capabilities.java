package io.mooring.events.capability;

import io.mooring.events.Modes;
import java.util.Arrays;
import java.util.List;

/**
 * The capability table of docs/security.md#capabilities-by-import-mode, in one place so every service refuses
 * the same operations with the same words. Imported clusters are never Mooring's to provision: cluster
 * profiles, kubeconfigs and node scaling belong to whoever created the cluster.
 */
public final class Capabilities {

    public static final String REQUIRES_FULL_PERMISSION = "requires full-permission mode";
    public static final String ADDON_PROFILES_ONLY = "imported clusters take add-on profiles only";
    public static final String NO_KUBECONFIG = "get the kubeconfig from the cluster's own provider";
    public static final String NOT_FOR_IMPORTED = "not available for imported clusters: use the cluster's own provider";
    public static final String ALREADY_FULL = "the cluster is already in full-permission mode";

    private Capabilities() {
    }

    /** Every operation for a cluster in {@code importMode} ({@code read-only} or {@code full-permission}). */
    public static List<Capability> of(String importMode) {
        return Arrays.stream(Operation.values()).map(op -> check(op, importMode)).toList();
    }

    public static Capability check(Operation operation, String importMode) {
        boolean full = Modes.FULL_PERMISSION.equals(importMode);
        return switch (operation) {
            case VIEW_HEALTH, VIEW_EVENT_LOG, VIEW_COST, VIEW_INVENTORY -> allowed(operation);
            case ATTACH_ADDON_PROFILE, UPDATE_ADDON_PROFILE, DETACH_ADDON_PROFILE ->
                    full ? allowed(operation) : refused(operation, REQUIRES_FULL_PERMISSION);
            case ATTACH_INFRASTRUCTURE_PROFILE -> refused(operation, ADDON_PROFILES_ONLY);
            case DOWNLOAD_KUBECONFIG -> refused(operation, NO_KUBECONFIG);
            case SCALE_NODES, ADD_WORKER_POOL -> refused(operation, NOT_FOR_IMPORTED);
            case MIGRATE_TO_FULL_PERMISSIONS -> full ? refused(operation, ALREADY_FULL) : allowed(operation);
        };
    }

    private static Capability allowed(Operation operation) {
        return new Capability(operation.id(), true, null);
    }

    private static Capability refused(Operation operation, String reason) {
        return new Capability(operation.id(), false, reason);
    }
}
