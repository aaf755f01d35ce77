package io.mooring.registry.api.dto;

/** A cluster and the command that installs (or upgrades) its agent. */
public record ImportInstructions(ClusterView cluster, ImportCommand importCommand) {
}
