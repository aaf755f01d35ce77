package io.mooring.registry.api;

import io.mooring.events.agent.AgentCredential;
import io.mooring.events.agent.AgentStatus;
import io.mooring.events.agent.AgentStatusReply;
import io.mooring.events.agent.RefreshRequest;
import io.mooring.events.agent.RegisterRequest;
import io.mooring.registry.service.AgentService;
import io.mooring.registry.service.AgentSigningKey;
import io.mooring.support.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The cluster agent's side. Registration and refresh carry their own credential (the import token, the
 * refresh secret); the status needs the agent JWT and is always about the token's own cluster.
 */
@Path("/api/v1/agent")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Agents", description = "The cluster agent's side: registration with the import token, token"
        + " refresh with the refresh secret, the status report (agent JWT, role mooring-agent), and the JWKS that"
        + " verifies agent JWTs. Registration, refresh and the JWKS are public: they carry their own credential or"
        + " none.")
public class AgentResource {

    // Response examples: cluster-agent's fake platform is checked against them (docs/api/openapi/registry.yaml).
    static final String FIRST_CREDENTIAL = """
            {"clusterId": "3f6c1a2e-8b4d-4c1e-9a57-2d0f6b8e4c11", "accessToken": "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIzZjZjMWEyZSJ9.c2ln",
             "expiresAt": "2026-01-15T10:15:00Z", "refreshSecret": "Wq3n8ZrT0bXy5mK2pL9sVd4hFj7cGa1e",
             "reRegistrationSecret": "Hk2pQ9xV7mZ3rT5nB8wL1sD4fG6jC0aY"}""";
    static final String REFRESHED_CREDENTIAL = """
            {"clusterId": "3f6c1a2e-8b4d-4c1e-9a57-2d0f6b8e4c11", "accessToken": "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIzZjZjMWEyZSJ9.bmV3",
             "expiresAt": "2026-01-15T10:30:00Z", "refreshSecret": "Tz8mQ1wX4cV7bN2kJ5hG9fD3sA6pL0rE"}""";
    static final String STATUS_REPLY = """
            {"clusterId": "3f6c1a2e-8b4d-4c1e-9a57-2d0f6b8e4c11", "status": "Running", "importMode": "read-only",
             "pendingMigration": "full-permission", "cleanup": false, "remove": []}""";
    static final String CLEANUP_REPLY = """
            {"clusterId": "3f6c1a2e-8b4d-4c1e-9a57-2d0f6b8e4c11", "status": "Deleting", "importMode": "full-permission",
             "cleanup": true, "remove": [
               {"apiVersion": "apps/v1", "kind": "Deployment", "namespace": "mooring-system", "name": "mooring-agent"},
               {"apiVersion": "v1", "kind": "Namespace", "name": "mooring-system"}]}""";

    static final String REGISTER_REQUEST = """
            {"importToken": "Vb7nM4kL1pO8iU5yT2rE9wQ6aS3dF0gH7jK4lZ1xC8v",
             "facts": {"agentVersion": "0.1.0", "kubernetesVersion": "v1.30.4-eks-a737599", "detectedProvider": "eks",
               "detectedPlatform": "eks", "permissions": "read-only"},
             "clusterUid": "8a0c4f6e-2b1d-4e7a-9c3f-5d6b7e8f9a01"}""";
    static final String REFRESH_REQUEST = """
            {"clusterId": "3f6c1a2e-8b4d-4c1e-9a57-2d0f6b8e4c11", "refreshSecret": "Wq3n8ZrT0bXy5mK2pL9sVd4hFj7cGa1e"}""";
    static final String STATUS_REQUEST = """
            {"facts": {"agentVersion": "0.1.0", "kubernetesVersion": "v1.30.4-eks-a737599", "detectedProvider": "eks",
               "detectedPlatform": "eks", "permissions": "read-only"}, "cleanupDone": false}""";
    private static final String IDENTITY_CONFLICT = """
            {"type": "https://mooring.io/problems/agent-identity-conflict", "title": "Agent identity conflict",
             "status": 409, "detail": "Two agents use this cluster's identity (see identityConflict on the cluster), so every agent of the cluster is refused. An operator reissues the import command (POST /api/v1/clusters/{id}/import-command) and applies it to the cluster; remove any other copy of the agent."}""";
    private static final String CLUSTER_DELETED = """
            {"type": "https://mooring.io/problems/gone", "title": "Gone", "status": 410,
             "detail": "This cluster was deleted from Mooring: stop the agent and remove what the import installed (kubectl delete namespace mooring-system)."}""";

    private final AgentService agents;
    private final AgentSigningKey key;

    public AgentResource(AgentService agents, AgentSigningKey key) {
        this.agents = agents;
        this.key = key;
    }

    @POST
    @Path("/register")
    @PermitAll
    @SecurityRequirements
    @Operation(operationId = "registerAgent", summary = "Exchange the import token for an agent credential",
            description = "Public: the import token is the credential, and it is spent. The first registration makes"
                    + " the cluster Running, binds it to clusterUid (the kube-system namespace's UID) and answers a"
                    + " reRegistrationSecret, once. A spent token is accepted again, whenever it expired, only with"
                    + " that reRegistrationSecret, while the token is the cluster's latest and clusterUid matches: the"
                    + " new credential replaces the previous agent's and the re-registration is published"
                    + " (AgentReRegistered).")
    @APIResponse(responseCode = "200", description = "The agent's credential.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AgentCredential.class),
            examples = @ExampleObject(name = "first registration", value = FIRST_CREDENTIAL)))
    @APIResponse(responseCode = "400", description = "The body is not a valid registration: `errors` names each"
            + " field.", content = @Content(mediaType = ApiExamples.PROBLEM_JSON,
                    schema = @Schema(ref = ApiExamples.PROBLEM), examples = @ExampleObject(name = "no token", value = """
                            {"type": "https://mooring.io/problems/invalid-request", "title": "Invalid request",
                             "status": 400, "detail": "The request is not valid.",
                             "errors": [{"field": "importToken", "message": "must not be blank"}]}""")))
    @APIResponse(responseCode = "404", description = "Unknown import token.", content = @Content(
            mediaType = ApiExamples.PROBLEM_JSON, schema = @Schema(ref = ApiExamples.PROBLEM),
            examples = @ExampleObject(name = "unknown", value = """
                    {"type": "https://mooring.io/problems/not-found", "title": "Not found", "status": 404,
                     "detail": "Unknown import token."}""")))
    @APIResponse(responseCode = "409", description = "The cluster has an identity conflict (two agents used its"
            + " identity): every agent is refused until an operator reissues the import command.", content = @Content(
                    mediaType = ApiExamples.PROBLEM_JSON, schema = @Schema(ref = ApiExamples.PROBLEM),
                    examples = @ExampleObject(name = "identity conflict", value = IDENTITY_CONFLICT)))
    @APIResponse(responseCode = "410", description = "The token was spent (and no valid re-registration came with"
            + " it), replaced by a newer import command or expired, or the cluster is being deleted.", content = @Content(
                    mediaType = ApiExamples.PROBLEM_JSON, schema = @Schema(ref = ApiExamples.PROBLEM),
                    examples = @ExampleObject(name = "replaced", value = """
                            {"type": "https://mooring.io/problems/gone", "title": "Gone", "status": 410,
                             "detail": "This import token was replaced by a newer import command."}""")))
    public Uni<AgentCredential> register(@RequestBody(required = true, content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RegisterRequest.class),
            examples = @ExampleObject(name = "first registration", value = REGISTER_REQUEST))) RegisterRequest request) {
        return agents.register(request);
    }

    @POST
    @Path("/token")
    @PermitAll
    @SecurityRequirements
    @Operation(operationId = "refreshAgentToken", summary = "A new agent JWT for the refresh secret",
            description = "Public: the refresh secret is the credential. It is rotated: keep the one answered.")
    @APIResponse(responseCode = "200", description = "A new credential (no reRegistrationSecret).", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AgentCredential.class),
            examples = @ExampleObject(name = "refreshed", value = REFRESHED_CREDENTIAL)))
    @APIResponse(responseCode = "400", description = "The body is not a valid refresh request: `errors` names each"
            + " field.", content = @Content(mediaType = ApiExamples.PROBLEM_JSON,
                    schema = @Schema(ref = ApiExamples.PROBLEM), examples = @ExampleObject(name = "no secret", value = """
                            {"type": "https://mooring.io/problems/invalid-request", "title": "Invalid request",
                             "status": 400, "detail": "The request is not valid.",
                             "errors": [{"field": "refreshSecret", "message": "must not be blank"}]}""")))
    @APIResponse(responseCode = "401", description = "A wrong refresh secret, or no agent is registered for the"
            + " cluster.", content = @Content(mediaType = ApiExamples.PROBLEM_JSON,
                    schema = @Schema(ref = ApiExamples.PROBLEM), examples = @ExampleObject(name = "wrong secret",
                            value = """
                                    {"type": "https://mooring.io/problems/unauthorized", "title": "Unauthorized",
                                     "status": 401,
                                     "detail": "The refresh secret is not valid for this cluster; re-import the agent with a new import command."}""")))
    @APIResponse(responseCode = "409", description = "Two agents use the cluster's identity (the refresh secret a"
            + " re-registration replaced was presented again): every agent of the cluster is refused until an"
            + " operator reissues the import command.", content = @Content(mediaType = ApiExamples.PROBLEM_JSON,
                    schema = @Schema(ref = ApiExamples.PROBLEM),
                    examples = @ExampleObject(name = "identity conflict", value = IDENTITY_CONFLICT)))
    @APIResponse(responseCode = "410", description = "The cluster was deleted from Mooring: stop the agent.",
            content = @Content(mediaType = ApiExamples.PROBLEM_JSON, schema = @Schema(ref = ApiExamples.PROBLEM),
                    examples = @ExampleObject(name = "deleted", value = CLUSTER_DELETED)))
    public Uni<AgentCredential> refresh(@RequestBody(required = true, content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RefreshRequest.class),
            examples = @ExampleObject(name = "refresh", value = REFRESH_REQUEST))) RefreshRequest request) {
        return agents.refresh(request);
    }

    @POST
    @Path("/status")
    @RolesAllowed(Roles.AGENT)
    @Operation(operationId = "reportAgentStatus", summary = "Report the agent's facts; learn the cluster's status,"
            + " mode, pending migration and whether to clean up", description = "Role: mooring-agent (the agent JWT"
            + " the registration answered); always about the token's own cluster. Confirms a pending migration when"
            + " the reported permissions reach it; `cleanupDone` on a Deleting cluster removes its record (the"
            + " answer's status is then `Deleted`).")
    @APIResponse(responseCode = "200", description = "What the agent should do next.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AgentStatusReply.class),
            examples = {
                @ExampleObject(name = "migration pending", value = STATUS_REPLY),
                @ExampleObject(name = "clean up", value = CLEANUP_REPLY) }))
    @APIResponse(responseCode = "400", description = "The body is not a valid status: `errors` names each field.",
            content = @Content(mediaType = ApiExamples.PROBLEM_JSON, schema = @Schema(ref = ApiExamples.PROBLEM),
                    examples = @ExampleObject(name = "bad permissions", value = """
                            {"type": "https://mooring.io/problems/invalid-request", "title": "Invalid request",
                             "status": 400, "detail": "The request is not valid.",
                             "errors": [{"field": "facts.permissions", "message": "must be one of [read-only, full-permission]"}]}""")))
    @APIResponse(responseCode = "404", description = "The token's cluster was never known to this registry.",
            content = @Content(mediaType = ApiExamples.PROBLEM_JSON, schema = @Schema(ref = ApiExamples.PROBLEM),
                    examples = @ExampleObject(name = "unknown", value = ApiExamples.NOT_FOUND)))
    @APIResponse(responseCode = "409", description = "The cluster has an identity conflict: every agent is refused"
            + " until an operator reissues the import command.", content = @Content(
                    mediaType = ApiExamples.PROBLEM_JSON, schema = @Schema(ref = ApiExamples.PROBLEM),
                    examples = @ExampleObject(name = "identity conflict", value = IDENTITY_CONFLICT)))
    @APIResponse(responseCode = "410", description = "The cluster was deleted from Mooring: stop the agent.",
            content = @Content(mediaType = ApiExamples.PROBLEM_JSON, schema = @Schema(ref = ApiExamples.PROBLEM),
                    examples = @ExampleObject(name = "deleted", value = CLUSTER_DELETED)))
    public Uni<AgentStatusReply> status(@RequestBody(required = true, content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AgentStatus.class),
            examples = @ExampleObject(name = "running", value = STATUS_REQUEST))) AgentStatus status) {
        return agents.status(status);
    }

    @GET
    @Path("/jwks.json")
    @PermitAll
    @SecurityRequirements
    @Operation(operationId = "getAgentJwks", summary = "The public key that verifies agent JWTs (JWKS)",
            description = "Public. The registry's RSA key (RS256) as a JSON Web Key Set, for services and gateways"
                    + " that verify agent tokens. Cacheable for 5 minutes.")
    @APIResponse(responseCode = "200", description = "The key set.", headers = @Header(name = "Cache-Control",
            description = "`public, max-age=300`.", schema = @Schema(type = SchemaType.STRING)), content = @Content(
                    mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT,
                            additionalProperties = Schema.True.class),
                    examples = @ExampleObject(name = "one key", value = ApiExamples.JWKS)))
    public RestResponse<Map<String, Object>> jwks() {
        return RestResponse.ResponseBuilder.ok(key.jwks()).header("Cache-Control", "public, max-age=300").build();
    }
}
