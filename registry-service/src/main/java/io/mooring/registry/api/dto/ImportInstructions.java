package io.mooring.registry.api.dto;

import io.mooring.registry.service.ClusterService;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A cluster and the command that installs (or upgrades) its agent. */
@Schema(requiredProperties = { "cluster", "importCommand" })
public record ImportInstructions(ClusterView cluster, ImportCommand importCommand) {

    public static ImportInstructions of(ClusterService.Issued issued) {
        return new ImportInstructions(ClusterView.of(issued.cluster()), ImportCommand.of(issued.importCommand()));
    }
}
