package io.mooring.addon.domain;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Where a chart layer's chart comes from: a chart repository ({@code repository} + {@code name} +
 * {@code version}), an OCI reference ({@code oci} + {@code version}) or an uploaded archive ({@code archiveDigest}).
 * {@code archiveDigest} is also set, after publishing, for a chart downloaded from a repository: the version is
 * rendered again from exactly those bytes.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChartSource(String repository, String name, String version, String oci, String archiveDigest,
        Integer archiveSize) {

    @JsonIgnore
    public boolean isRepository() {
        return repository != null;
    }

    @JsonIgnore
    public boolean isOci() {
        return oci != null;
    }

    @JsonIgnore
    public boolean isUpload() {
        return repository == null && oci == null;
    }

    public ChartSource pinnedTo(String digest, int size) {
        return new ChartSource(repository, name, version, oci, digest, size);
    }

    /** For people: where the chart came from. */
    public String describe() {
        if (isRepository()) {
            return "chart '" + name + "' " + version + " from " + repository;
        }
        if (isOci()) {
            return "chart " + oci + " " + version;
        }
        return "uploaded chart " + archiveDigest;
    }
}
