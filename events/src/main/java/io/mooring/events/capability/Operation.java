package io.mooring.events.capability;

/**
 * The operations whose availability depends on how a cluster was imported
 * (docs/security.md#capabilities-by-import-mode).
 */
public enum Operation {
    VIEW_HEALTH("view-health"),
    VIEW_EVENT_LOG("view-event-log"),
    VIEW_COST("view-cost"),
    VIEW_INVENTORY("view-inventory"),
    ATTACH_ADDON_PROFILE("attach-addon-profile"),
    UPDATE_ADDON_PROFILE("update-addon-profile"),
    DETACH_ADDON_PROFILE("detach-addon-profile"),
    ATTACH_INFRASTRUCTURE_PROFILE("attach-infrastructure-profile"),
    DOWNLOAD_KUBECONFIG("download-kubeconfig"),
    SCALE_NODES("scale-nodes"),
    ADD_WORKER_POOL("add-worker-pool"),
    MIGRATE_TO_FULL_PERMISSIONS("migrate-to-full-permissions");

    private final String id;

    Operation(String id) {
        this.id = id;
    }

    /** The operation's name on the wire. */
    public String id() {
        return id;
    }

    @Override
    public String toString() {
        return id;
    }
}
