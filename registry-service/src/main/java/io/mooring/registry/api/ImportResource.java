package io.mooring.registry.api;

import io.mooring.registry.service.ManifestService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The manifests kubectl fetches. No user token: the single-use, expiring token in the URL is the credential.
 * The import manifest holds that token, so it is never cached.
 */
@Path("/api/v1/import")
@PermitAll
@Tag(name = "Import manifests")
public class ImportResource {

    static final String YAML = "application/yaml";

    private final ManifestService manifests;

    public ImportResource(ManifestService manifests) {
        this.manifests = manifests;
    }

    @GET
    @Path("/{token}.yaml")
    @Produces(YAML)
    @Operation(summary = "The import manifest (kubectl apply -f)", description = "404 for an unknown token,"
            + " 410 for a spent, replaced or expired one.")
    public Uni<RestResponse<String>> importManifest(@RestPath String token) {
        return manifests.importManifest(token).map(ImportResource::noStore);
    }

    @GET
    @Path("/cleanup/{token}.yaml")
    @Produces(YAML)
    @Operation(summary = "The cleanup manifest (kubectl delete --ignore-not-found -f)")
    public Uni<RestResponse<String>> cleanupManifest(@RestPath String token) {
        return manifests.cleanupManifest(token).map(ImportResource::noStore);
    }

    private static RestResponse<String> noStore(String yaml) {
        return RestResponse.ResponseBuilder.ok(yaml, YAML).header("Cache-Control", "no-store").build();
    }
}
