package io.mooring.registry.api.dto;

import io.mooring.events.capability.Capability;
import io.mooring.events.CloudType;
import io.mooring.registry.domain.ImportMode;
import io.mooring.registry.service.ClusterService;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Every operation of the capability table, allowed or not (and why not), for this cluster's mode. */
@Schema(requiredProperties = { "clusterId", "cloudType", "importMode", "capabilities" })
public record CapabilitiesView(UUID clusterId, CloudType cloudType, ImportMode importMode,
        List<Capability> capabilities) {

    public static CapabilitiesView of(ClusterService.CapabilityTable table) {
        return new CapabilitiesView(table.clusterId(), table.cloudType(), table.importMode(), table.capabilities());
    }
}
