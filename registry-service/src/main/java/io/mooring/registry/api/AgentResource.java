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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The cluster agent's side. Registration and refresh carry their own credential (the import token, the
 * refresh secret); the status needs the agent JWT and is always about the token's own cluster.
 */
@Path("/api/v1/agent")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Agents")
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

    private final AgentService agents;
    private final AgentSigningKey key;

    public AgentResource(AgentService agents, AgentSigningKey key) {
        this.agents = agents;
        this.key = key;
    }

    @POST
    @Path("/register")
    @PermitAll
    @Operation(summary = "Exchange the import token for an agent credential", description = "The token is spent:"
            + " 404 unknown, 410 spent, replaced or expired. The first registration makes the cluster Running, binds"
            + " it to clusterUid (the kube-system namespace's UID) and answers a reRegistrationSecret, once. A spent"
            + " token is accepted again, whenever it expired, only with that reRegistrationSecret, while the token is"
            + " the cluster's latest and clusterUid matches: the new credential replaces the previous agent's and the"
            + " re-registration is published (AgentReRegistered). 409 while the cluster has an identity conflict.")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = AgentCredential.class),
            examples = @ExampleObject(name = "first registration", value = FIRST_CREDENTIAL)))
    public Uni<AgentCredential> register(RegisterRequest request) {
        return agents.register(request);
    }

    @POST
    @Path("/token")
    @PermitAll
    @Operation(summary = "A new agent JWT for the refresh secret", description = "The refresh secret is rotated:"
            + " keep the one answered. 401 for a wrong secret, 410 when the cluster was deleted. 409 when two agents"
            + " use the cluster's identity (the refresh secret a re-registration replaced was presented again): every"
            + " agent of the cluster is refused until an operator reissues the import command.")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = AgentCredential.class),
            examples = @ExampleObject(name = "refreshed", value = REFRESHED_CREDENTIAL)))
    public Uni<AgentCredential> refresh(RefreshRequest request) {
        return agents.refresh(request);
    }

    @POST
    @Path("/status")
    @RolesAllowed(Roles.AGENT)
    @Operation(summary = "Report the agent's facts; learn the cluster's status, mode, pending migration and"
            + " whether to clean up")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = AgentStatusReply.class), examples = {
                @ExampleObject(name = "migration pending", value = STATUS_REPLY),
                @ExampleObject(name = "clean up", value = CLEANUP_REPLY)}))
    public Uni<AgentStatusReply> status(AgentStatus status) {
        return agents.status(status);
    }

    @GET
    @Path("/jwks.json")
    @PermitAll
    @Operation(summary = "The public key that verifies agent JWTs (JWKS)")
    public RestResponse<Map<String, Object>> jwks() {
        return RestResponse.ResponseBuilder.ok(key.jwks()).header("Cache-Control", "public, max-age=300").build();
    }
}
