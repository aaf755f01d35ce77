package io.mooring.registry.service;

import io.mooring.registry.config.RegistryConfig;
import io.mooring.registry.domain.ImportMode;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/** The public URLs and kubectl commands of manifests, on {@code mooring.registry.public-url}. */
@Startup
@ApplicationScoped
public class ImportLinks {

    public static final String IMPORT_PATH = "/api/v1/import/";
    public static final String CLEANUP_PATH = "/api/v1/import/cleanup/";

    /**
     * What to run in the cluster to import it: {@code kubectl apply -f <manifestUrl>}; the URL holds a manifest
     * handle, never the import token.
     */
    public record ImportLink(String command, String manifestUrl, ImportMode importMode, Instant expiresAt) {
    }

    /** What to run to remove what the import installed: {@code kubectl delete --ignore-not-found -f <manifestUrl>}. */
    public record CleanupLink(String command, String manifestUrl, Instant expiresAt) {
    }

    private final String base;

    public ImportLinks(RegistryConfig config) {
        String url = config.publicUrl().toString();
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw new IllegalStateException("mooring.registry.public-url must be an http(s) URL, not " + url);
        }
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    public String platformUrl() {
        return base;
    }

    /** The command for a manifest URL's handle (never the import token itself, see ManifestService). */
    public ImportLink importCommand(String handle, ImportMode mode, Instant expiresAt) {
        String url = base + IMPORT_PATH + handle + ".yaml";
        return new ImportLink("kubectl apply -f " + url, url, mode, expiresAt);
    }

    public CleanupLink cleanupCommand(String token, Instant expiresAt) {
        String url = base + CLEANUP_PATH + token + ".yaml";
        return new CleanupLink("kubectl delete --ignore-not-found -f " + url, url, expiresAt);
    }
}
