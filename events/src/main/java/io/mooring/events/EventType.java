package io.mooring.events;

import io.mooring.events.payload.AddonDeploymentChanged;
import io.mooring.events.payload.AgentIdentityConflict;
import io.mooring.events.payload.AgentReRegistered;
import io.mooring.events.payload.ClusterConnected;
import io.mooring.events.payload.ClusterDeleted;
import io.mooring.events.payload.ClusterHealthChanged;
import io.mooring.events.payload.ClusterImported;
import io.mooring.events.payload.CostAccrued;
import io.mooring.events.payload.InventoryReported;
import io.mooring.events.payload.ModeChanged;
import java.util.Arrays;
import java.util.Optional;

/**
 * Every event Mooring publishes: its CloudEvents {@code type}, the topic it travels on and its payload.
 * The JSON Schema of each payload is {@code schemas/<type>.json} in this module's resources.
 */
public enum EventType {
    CLUSTER_IMPORTED("io.mooring.cluster.imported.v1", Topics.CLUSTER_LIFECYCLE, ClusterImported.class),
    CLUSTER_CONNECTED("io.mooring.cluster.connected.v1", Topics.CLUSTER_LIFECYCLE, ClusterConnected.class),
    MODE_CHANGED("io.mooring.cluster.mode-changed.v1", Topics.CLUSTER_LIFECYCLE, ModeChanged.class),
    CLUSTER_DELETED("io.mooring.cluster.deleted.v1", Topics.CLUSTER_LIFECYCLE, ClusterDeleted.class),
    AGENT_RE_REGISTERED("io.mooring.cluster.agent-re-registered.v1", Topics.CLUSTER_LIFECYCLE,
            AgentReRegistered.class),
    AGENT_IDENTITY_CONFLICT("io.mooring.cluster.agent-identity-conflict.v1", Topics.CLUSTER_LIFECYCLE,
            AgentIdentityConflict.class),
    CLUSTER_HEALTH_CHANGED("io.mooring.cluster.health-changed.v1", Topics.CLUSTER_HEALTH, ClusterHealthChanged.class),
    INVENTORY_REPORTED("io.mooring.cluster.inventory-reported.v1", Topics.CLUSTER_INVENTORY, InventoryReported.class),
    ADDON_DEPLOYMENT_CHANGED("io.mooring.addon.deployment-changed.v1", Topics.ADDON_DEPLOYMENTS,
            AddonDeploymentChanged.class),
    COST_ACCRUED("io.mooring.cost.accrued.v1", Topics.CLUSTER_COST, CostAccrued.class);

    private final String type;
    private final String topic;
    private final Class<? extends MooringEvent> payloadClass;

    EventType(String type, String topic, Class<? extends MooringEvent> payloadClass) {
        this.type = type;
        this.topic = topic;
        this.payloadClass = payloadClass;
    }

    /** The CloudEvents {@code type} attribute. */
    public String type() {
        return type;
    }

    public String topic() {
        return topic;
    }

    public Class<? extends MooringEvent> payloadClass() {
        return payloadClass;
    }

    public String schemaResource() {
        return "schemas/" + type + ".json";
    }

    public static Optional<EventType> ofType(String type) {
        return Arrays.stream(values()).filter(t -> t.type.equals(type)).findFirst();
    }

    public static EventType of(MooringEvent payload) {
        return Arrays.stream(values())
                .filter(t -> t.payloadClass.isInstance(payload))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Not a Mooring event: " + payload.getClass()));
    }
}
