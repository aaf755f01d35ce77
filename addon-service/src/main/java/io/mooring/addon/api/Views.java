package io.mooring.addon.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.mooring.events.addons.ObjectRef;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What the API answers. */
public final class Views {

    private Views() {
    }

    public record ProfileSummary(String name, String type, String description, String latestVersion,
            int versionCount, Instant createdAt, Instant updatedAt) {
    }

    public record VersionSummary(String name, String version, String type, String description, String contentHash,
            int layers, Instant createdAt, String createdBy) {
    }

    /**
     * A published version: each layer as published (chart archives by digest only) and the objects it renders to
     * with its own values (the rendered objects themselves are at {@code .../rendered}).
     */
    public record ProfileVersion(String name, String version, String type, String description, String contentHash,
            Instant createdAt, String createdBy, List<Layer> layers) {
    }

    /**
     * {@code values} with every path of {@code secretValues} masked; {@code adoptExisting}: whether the layer takes
     * over objects that exist without Mooring's labels.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Layer(String name, int order, String source, String namespace, String manifests, Chart chart,
            Map<String, Object> values, boolean adoptExisting, List<String> secretValues, List<ObjectRef> objects) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Chart(String repository, String name, String version, String oci, String archiveDigest,
            Integer archiveSize) {
    }

    /**
     * A profile attached to a cluster; {@code status} is the worst of its layers'. {@code values} (by layer) have
     * the paths the profile marks secret masked.
     */
    public record Attachment(UUID id, UUID clusterId, String profile, String version, long generation,
            Map<String, Object> values, String status, List<AttachedLayer> layers, Instant attachedAt,
            String attachedBy, Instant updatedAt, String updatedBy) {
    }

    public record AttachedLayer(String name, int order, String source, String namespace, String status,
            String message, Instant statusChangedAt, boolean adoptExisting, List<ObjectRef> objects) {
    }
}
