package io.mooring.registry.api;

import io.mooring.registry.service.ManifestService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
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
@SecurityRequirements
@Tag(name = "Import manifests", description = "The manifests kubectl applies and deletes, behind the URLs of"
        + " import and cleanup commands. Public: the URL's handle is the credential. An import manifest URL stops"
        + " working (410) once the cluster's agent registered with it, or when its command was replaced or expired.")
public class ImportResource {

    private static final String UNKNOWN_LINK = """
            {"type": "https://mooring.io/problems/not-found", "title": "Not found", "status": 404,
             "detail": "Unknown manifest link."}""";
    static final String YAML = "application/yaml";
    static final String CACHE_CONTROL = "Cache-Control";

    private final ManifestService manifests;

    public ImportResource(ManifestService manifests) {
        this.manifests = manifests;
    }

    @GET
    @Path("/{handle}.yaml")
    @Produces(YAML)
    @Operation(operationId = "getImportManifest", summary = "The import manifest (kubectl apply -f)",
            description = "Public. The agent's namespace, RBAC for the import mode, the Secret with the import token"
                    + " and the agent's Deployment. Fetching it does not spend the token (only the agent's"
                    + " registration does); it is never cached, since it holds the token.")
    @APIResponse(responseCode = "200", description = "The manifest.", headers = @Header(name = CACHE_CONTROL,
            description = "`no-store`: the manifest holds a token.", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = YAML, schema = @Schema(type = SchemaType.STRING),
                    examples = @ExampleObject(name = "read-only", value = ApiExamples.IMPORT_MANIFEST)))
    @APIResponse(responseCode = "404", description = "Unknown handle.", content = @Content(
            mediaType = ApiExamples.PROBLEM_JSON, schema = @Schema(ref = ApiExamples.PROBLEM),
            examples = @ExampleObject(name = "unknown", value = UNKNOWN_LINK)))
    @APIResponse(responseCode = "410", description = "The cluster's agent registered with this manifest's token,"
            + " or the import command was replaced by a newer one or expired: issue a new import command.",
            content = @Content(mediaType = ApiExamples.PROBLEM_JSON, schema = @Schema(ref = ApiExamples.PROBLEM),
                    examples = @ExampleObject(name = "used", value = """
                            {"type": "https://mooring.io/problems/gone", "title": "Gone", "status": 410,
                             "detail": "The agent of this cluster has already registered with this manifest, so it is no longer served. To install the agent again, issue a new import command (POST /api/v1/clusters/{id}/import-command)."}""")))
    public Uni<RestResponse<String>> importManifest(
            @Parameter(description = "The handle of the import command's URL.") @RestPath String handle) {
        return manifests.importManifest(handle).map(ImportResource::noStore);
    }

    @GET
    @Path("/cleanup/{token}.yaml")
    @Produces(YAML)
    @Operation(operationId = "getCleanupManifest", summary = "The cleanup manifest (kubectl delete"
            + " --ignore-not-found -f)", description = "Public. What the import installed, for the cleanup command"
            + " a deletion answers; the link works for 7 days by default.")
    @APIResponse(responseCode = "200", description = "The manifest.", headers = @Header(name = CACHE_CONTROL,
            description = "`no-store`.", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = YAML, schema = @Schema(type = SchemaType.STRING),
                    examples = @ExampleObject(name = "cleanup", value = ApiExamples.CLEANUP_MANIFEST)))
    @APIResponse(responseCode = "404", description = "Unknown token.", content = @Content(
            mediaType = ApiExamples.PROBLEM_JSON, schema = @Schema(ref = ApiExamples.PROBLEM),
            examples = @ExampleObject(name = "unknown", value = UNKNOWN_LINK)))
    @APIResponse(responseCode = "410", description = "The link has expired; the problem names what to delete.",
            content = @Content(mediaType = ApiExamples.PROBLEM_JSON, schema = @Schema(ref = ApiExamples.PROBLEM),
                    examples = @ExampleObject(name = "expired", value = """
                            {"type": "https://mooring.io/problems/gone", "title": "Gone", "status": 410,
                             "detail": "This cleanup manifest link has expired. The objects to delete are the namespace mooring-system and the cluster roles and bindings named mooring-agent-read-only and mooring-agent-cluster-admin."}""")))
    public Uni<RestResponse<String>> cleanupManifest(
            @Parameter(description = "The token of the cleanup command's URL.") @RestPath String token) {
        return manifests.cleanupManifest(token).map(ImportResource::noStore);
    }

    private static RestResponse<String> noStore(String yaml) {
        return RestResponse.ResponseBuilder.ok(yaml, YAML).header(CACHE_CONTROL, "no-store").build();
    }
}
