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
 * The manifests kubectl fetches. No user token: the URL's handle is the credential. The import manifest's handle
 * is not the import token (the manifest holds that) and stops working once the agent registered, so what access
 * logs keep of these URLs opens nothing afterwards. The import manifest holds a token, so it is never cached.
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
    @Path("/{handle}.yaml")
    @Produces(YAML)
    @Operation(summary = "The import manifest (kubectl apply -f)", description = "404 for an unknown handle,"
            + " 410 once the cluster's agent registered with it, or when the import command was replaced or expired.")
    public Uni<RestResponse<String>> importManifest(@RestPath String handle) {
        return manifests.importManifest(handle).map(ImportResource::noStore);
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
