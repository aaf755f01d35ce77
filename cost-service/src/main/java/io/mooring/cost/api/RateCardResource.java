package io.mooring.cost.api;

import io.mooring.cost.api.RateBodies.InstallationRatesBody;
import io.mooring.cost.api.RateBodies.OverrideBody;
import io.mooring.cost.api.RateBodies.RateCardsBody;
import io.mooring.cost.api.RateViews.CardView;
import io.mooring.cost.api.RateViews.InstallationRatesView;
import io.mooring.cost.api.RateViews.InstancePriceView;
import io.mooring.cost.api.RateViews.OverrideView;
import io.mooring.cost.api.RateViews.RateCardsView;
import io.mooring.cost.config.CostBeans.CardOrigin;
import io.mooring.cost.domain.AccrualSettings;
import io.mooring.cost.domain.InstallationRates;
import io.mooring.cost.domain.RateCard;
import io.mooring.cost.domain.RateOverride;
import io.mooring.cost.domain.UnitRates;
import io.mooring.cost.service.RateAdminService;
import io.mooring.cost.service.RateAdminService.OverrideSetting;
import io.mooring.cost.service.RateAdminService.RateSettings;
import io.mooring.cost.service.RatesService;
import io.mooring.events.KubernetesNames;
import io.mooring.support.api.ProblemException;
import io.mooring.support.security.CurrentCaller;
import io.mooring.support.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Rate cards: the installation's currency and default unit rates, overrides per project and per cluster (admin),
 * and the card of instance prices with its source and date (any user). Changes apply to cost accrued from then on.
 */
@Path("/api/v1/rate-cards")
@Tag(name = CostApiDocs.RATE_CARDS_TAG, description = CostApiDocs.RATE_CARDS_TAG_DESCRIPTION)
public class RateCardResource {

    private static final String INSTALLATION_BODY = """
            {"currency": "USD", "cpuCoreHour": 0.031611, "memoryGibHour": 0.004237, "gpuHour": 0.95,
             "storageGibMonth": 0.04}""";
    private static final String INSTALLATION_VIEW = """
            {"currency": "USD", "cpuCoreHour": 0.031611, "memoryGibHour": 0.004237, "gpuHour": 0.95,
             "storageGibMonth": 0.04, "source": "api", "updatedAt": "2026-03-04T10:15:00Z",
             "updatedBy": "ada-admin"}""";
    private static final String CONFIGURED_VIEW = """
            {"currency": "USD", "cpuCoreHour": 0.031611, "memoryGibHour": 0.004237, "gpuHour": 0.95,
             "storageGibMonth": 0.04, "source": "configuration"}""";
    private static final String OVERRIDE_BODY = """
            {"cpuCoreHour": 0.05, "instancePrices": {"m5.large": 0.2}}""";
    private static final String PROJECT_OVERRIDE_VIEW = """
            {"project": "shop", "cpuCoreHour": 0.05, "instancePrices": {"m5.large": 0.2},
             "updatedAt": "2026-03-04T10:15:00Z", "updatedBy": "ada-admin"}""";
    private static final String CLUSTER_OVERRIDE_VIEW = """
            {"clusterId": "3f6c1a2e-8b4d-4c1e-9a57-2d0f6b8e4c11", "clusterName": "shop-prod", "memoryGibHour": 0.01,
             "instancePrices": {"m5.large": 0.2}, "updatedAt": "2026-03-04T10:15:00Z", "updatedBy": "ada-admin"}""";
    private static final String CARD_VIEW = """
            {"source": "https://aws.amazon.com/ec2/pricing/on-demand/", "asOf": "2026-11-25", "currency": "USD",
             "notes": "On-demand Linux prices", "location": "built-in",
             "unitRates": {"cpuCoreHour": 0.031611, "memoryGibHour": 0.004237, "gpuHour": 0.95,
                           "storageGibMonth": 0.04},
             "usable": true, "instancePrices": 212,
             "prices": [{"provider": "aws", "region": "us-east-1", "instanceType": "m5.large", "vcpus": 2,
                         "memoryGib": 8, "gpus": 0, "hourly": 0.096}]}""";
    private static final String ALL_BODY = """
            {"defaults": {"currency": "USD", "cpuCoreHour": 0.02, "memoryGibHour": 0.003, "gpuHour": 0.8,
                          "storageGibMonth": 0.03},
             "projects": {"shop": {"gpuHour": 2}},
             "clusters": {"3f6c1a2e-8b4d-4c1e-9a57-2d0f6b8e4c11": {"instancePrices": {"e2-standard-4": 0.1}}}}""";
    private static final String ALL_VIEW = """
            {"defaults": {"currency": "USD", "cpuCoreHour": 0.02, "memoryGibHour": 0.003, "gpuHour": 0.8,
                          "storageGibMonth": 0.03, "source": "api", "updatedAt": "2026-03-04T10:15:00Z",
                          "updatedBy": "ada-admin"},
             "cpuMemoryWeight": "65:35", "maxGap": "PT2H",
             "card": {"source": "https://aws.amazon.com/ec2/pricing/on-demand/", "asOf": "2026-11-25",
                      "currency": "USD", "location": "built-in",
                      "unitRates": {"cpuCoreHour": 0.031611, "memoryGibHour": 0.004237, "gpuHour": 0.95,
                                    "storageGibMonth": 0.04},
                      "usable": true, "instancePrices": 212},
             "projects": [{"project": "shop", "gpuHour": 2, "instancePrices": {},
                           "updatedAt": "2026-03-04T10:15:00Z", "updatedBy": "ada-admin"}],
             "clusters": [{"clusterId": "3f6c1a2e-8b4d-4c1e-9a57-2d0f6b8e4c11", "clusterName": "shop-prod",
                           "instancePrices": {"e2-standard-4": 0.1}, "updatedAt": "2026-03-04T10:15:00Z",
                           "updatedBy": "ada-admin"}]}""";
    private static final String UNKNOWN_CLUSTER_EXAMPLE = """
            {"type": "https://mooring.io/problems/invalid-request", "title": "Invalid request", "status": 400,
             "detail": "The request is not valid.",
             "errors": [{"field": "clusters.3f6c1a2e-8b4d-4c1e-9a57-2d0f6b8e4c11", "message": "no such cluster"}]}""";
    private static final String BAD_PROJECT_EXAMPLE = """
            {"type": "https://mooring.io/problems/invalid-request", "title": "Invalid request", "status": 400,
             "detail": "The request is not valid.",
             "errors": [{"field": "project", "message": "must be a DNS-1123 label: at most 63 lower-case letters, \
            digits and '-', starting and ending with a letter or digit"}]}""";
    private static final String CLUSTER_OVERRIDE_NOT_FOUND = "No such cluster (or an id that is not a UUID), or the "
            + "cluster has no rate override";
    private static final String NO_PROJECT_OVERRIDE_EXAMPLE = """
            {"type": "https://mooring.io/problems/not-found", "title": "Not found", "status": 404,
             "detail": "Project shop has no rate override"}""";
    private static final String NO_CLUSTER_OVERRIDE_EXAMPLE = """
            {"type": "https://mooring.io/problems/not-found", "title": "Not found", "status": 404,
             "detail": "Cluster 3f6c1a2e-8b4d-4c1e-9a57-2d0f6b8e4c11 has no rate override"}""";
    private static final String UNKNOWN_CLUSTER_NOT_FOUND_EXAMPLE = """
            {"type": "https://mooring.io/problems/not-found", "title": "Not found", "status": 404,
             "detail": "Cluster 3f6c1a2e-8b4d-4c1e-9a57-2d0f6b8e4c11 not found"}""";

    private final RatesService rates;
    private final RateAdminService admin;
    private final CurrentCaller caller;
    private final AccrualSettings settings;
    private final CardOrigin origin;

    public RateCardResource(RatesService rates, RateAdminService admin, CurrentCaller caller, AccrualSettings settings,
            CardOrigin origin) {
        this.rates = rates;
        this.admin = admin;
        this.caller = caller;
        this.settings = settings;
        this.origin = origin;
    }

    @GET
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "getRateSettings",
            summary = "Everything that prices clusters: installation rates, card, project and cluster overrides",
            description = CostApiDocs.ADMIN)
    @APIResponse(responseCode = "200", description = "Everything in force", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RateCardsView.class),
            examples = @ExampleObject(name = "overrides", value = ALL_VIEW)))
    public Uni<RateCardsView> all() {
        return admin.all().map(this::view);
    }

    @PUT
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "replaceRateSettings",
            summary = "Replace the installation rates and all overrides at once",
            description = "defaults absent: back to the configured installation rates; projects and clusters "
                    + "absent: no overrides. Unknown clusters are refused before anything changes. Answers what is "
                    + "now in force. " + CostApiDocs.ADMIN)
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RateCardsBody.class),
            examples = @ExampleObject(name = "everything", value = ALL_BODY)))
    @APIResponse(responseCode = "200", description = "Everything now in force", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RateCardsView.class),
            examples = @ExampleObject(name = "overrides", value = ALL_VIEW)))
    @APIResponse(responseCode = "400",
            description = CostApiDocs.BAD_RATES + "; a cluster cost-service does not know", content = @Content(
            mediaType = CostApiDocs.PROBLEM_JSON, schema = @Schema(ref = CostApiDocs.PROBLEM), examples = {
                @ExampleObject(name = "negative rate, bad currency", value = CostApiDocs.BAD_RATES_EXAMPLE),
                @ExampleObject(name = "unknown cluster", value = UNKNOWN_CLUSTER_EXAMPLE)}))
    public Uni<RateCardsView> replaceAll(@Valid @NotNull RateCardsBody body) {
        InstallationRates installation = body.defaults() == null ? null : domain(body.defaults(), "defaults.");
        Map<String, RateOverride> projects = new LinkedHashMap<>();
        if (body.projects() != null) {
            body.projects().forEach((project, override) -> projects.put(project, domain(override, "projects." + project + ".")));
        }
        Map<UUID, RateOverride> clusters = new LinkedHashMap<>();
        if (body.clusters() != null) {
            body.clusters().forEach((id, override) -> clusters.put(id, domain(override, "clusters." + id + ".")));
        }
        return admin.replaceAll(installation, projects, clusters, caller.get().name()).map(this::view);
    }

    @GET
    @Path("/card")
    @RolesAllowed(Roles.VIEWER)
    @Operation(operationId = "getRateCard",
            summary = "The rate card: on-demand instance prices with their source and date",
            description = "The filters match case-insensitively; none given: every price. usable says whether the "
                    + "card's currency is the installation's (prices are never converted). Needs a user token with "
                    + "role mooring-viewer (or higher).")
    @APIResponse(responseCode = "200", description = "The card with its prices", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CardView.class),
            examples = @ExampleObject(name = "one price", value = CARD_VIEW)))
    public Uni<CardView> card(
            @Parameter(description = "Only this provider's prices (aws, azure, gcp)", example = "aws")
            @QueryParam("provider") String provider,
            @Parameter(description = "Only this region's prices", example = "us-east-1")
            @QueryParam("region") String region,
            @Parameter(description = "Only this instance type's prices", example = "m5.large")
            @QueryParam("instanceType") String instanceType) {
        return rates.installation().map(installation -> card(installation.rates(), true, provider, region, instanceType));
    }

    @GET
    @Path("/default")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "getInstallationRates", summary = "The installation's currency and default unit rates",
            description = "source is configuration, or api once an admin has set them. " + CostApiDocs.ADMIN)
    @APIResponse(responseCode = "200", description = "The installation rates", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = InstallationRatesView.class),
            examples = @ExampleObject(name = "set by an admin", value = INSTALLATION_VIEW)))
    public Uni<InstallationRatesView> installation() {
        return rates.installation().map(RateCardResource::view);
    }

    @PUT
    @Path("/default")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "setInstallationRates", summary = "Set the installation's currency and default unit rates",
            description = "Every field required; the currency is an ISO 4217 code. " + CostApiDocs.ADMIN)
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = InstallationRatesBody.class),
            examples = @ExampleObject(name = "USD rates", value = INSTALLATION_BODY)))
    @APIResponse(responseCode = "200", description = "The installation rates now in force", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = InstallationRatesView.class),
            examples = @ExampleObject(name = "set by an admin", value = INSTALLATION_VIEW)))
    @APIResponse(responseCode = "400", description = CostApiDocs.BAD_RATES, content = @Content(
            mediaType = CostApiDocs.PROBLEM_JSON, schema = @Schema(ref = CostApiDocs.PROBLEM),
            examples = @ExampleObject(name = "negative rate, bad currency", value = CostApiDocs.BAD_RATES_EXAMPLE)))
    public Uni<InstallationRatesView> setInstallation(@Valid @NotNull InstallationRatesBody body) {
        return admin.setInstallation(domain(body, ""), caller.get().name()).map(RateCardResource::view);
    }

    @DELETE
    @Path("/default")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "resetInstallationRates", summary = "Go back to the configured installation rates",
            description = "Answers the rates now in force (those of the configuration). " + CostApiDocs.ADMIN)
    @APIResponse(responseCode = "200", description = "The configured installation rates, now in force",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = InstallationRatesView.class),
                    examples = @ExampleObject(name = "configured", value = CONFIGURED_VIEW)))
    public Uni<InstallationRatesView> resetInstallation() {
        return admin.resetInstallation().map(RateCardResource::view);
    }

    @GET
    @Path("/projects/{project}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "getProjectRateOverride", summary = "A project's rate override",
            description = CostApiDocs.ADMIN)
    @APIResponse(responseCode = "200", description = "The override", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OverrideView.class),
            examples = @ExampleObject(name = "CPU rate and one instance price", value = PROJECT_OVERRIDE_VIEW)))
    @APIResponse(responseCode = "400", description = "The project name is not a DNS label", content = @Content(
            mediaType = CostApiDocs.PROBLEM_JSON, schema = @Schema(ref = CostApiDocs.PROBLEM),
            examples = @ExampleObject(name = "bad project name", value = BAD_PROJECT_EXAMPLE)))
    @APIResponse(responseCode = "404", description = "The project has no rate override", content = @Content(
            mediaType = CostApiDocs.PROBLEM_JSON, schema = @Schema(ref = CostApiDocs.PROBLEM),
            examples = @ExampleObject(name = "no override", value = NO_PROJECT_OVERRIDE_EXAMPLE)))
    public Uni<OverrideView> projectOverride(@Parameter(description = CostApiDocs.PROJECT, example = "shop")
            @PathParam("project") @Pattern(regexp = KubernetesNames.DNS_LABEL_REGEX,
                    message = KubernetesNames.DNS_LABEL_RULE) String project) {
        return admin.projectOverride(project).map(RateCardResource::view);
    }

    @PUT
    @Path("/projects/{project}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "setProjectRateOverride",
            summary = "Set the rates of a project's clusters (each unset rate falls through to the default)",
            description = "Creates or replaces the project's override; 200 either way. Any project name is accepted, "
                    + "whether or not a cluster of it exists yet. " + CostApiDocs.ADMIN)
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = OverrideBody.class),
            examples = @ExampleObject(name = "CPU rate and one instance price", value = OVERRIDE_BODY)))
    @APIResponse(responseCode = "200", description = "The override now in force", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OverrideView.class),
            examples = @ExampleObject(name = "CPU rate and one instance price", value = PROJECT_OVERRIDE_VIEW)))
    @APIResponse(responseCode = "400",
            description = CostApiDocs.BAD_RATES + "; a project name that is not a DNS label", content = @Content(
            mediaType = CostApiDocs.PROBLEM_JSON, schema = @Schema(ref = CostApiDocs.PROBLEM),
            examples = @ExampleObject(name = "negative rate, bad currency", value = CostApiDocs.BAD_RATES_EXAMPLE)))
    public Uni<OverrideView> setProjectOverride(@Parameter(description = CostApiDocs.PROJECT, example = "shop")
            @PathParam("project") @Pattern(regexp = KubernetesNames.DNS_LABEL_REGEX,
                    message = KubernetesNames.DNS_LABEL_RULE) String project, @Valid @NotNull OverrideBody body) {
        return admin.setProjectOverride(project, domain(body, ""), caller.get().name()).map(RateCardResource::view);
    }

    @DELETE
    @Path("/projects/{project}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "deleteProjectRateOverride", summary = "Remove a project's rate override",
            description = "Its clusters fall back to the installation rates and the card. " + CostApiDocs.ADMIN)
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "400", description = "The project name is not a DNS label", content = @Content(
            mediaType = CostApiDocs.PROBLEM_JSON, schema = @Schema(ref = CostApiDocs.PROBLEM),
            examples = @ExampleObject(name = "bad project name", value = BAD_PROJECT_EXAMPLE)))
    @APIResponse(responseCode = "404", description = "The project has no rate override", content = @Content(
            mediaType = CostApiDocs.PROBLEM_JSON, schema = @Schema(ref = CostApiDocs.PROBLEM),
            examples = @ExampleObject(name = "no override", value = NO_PROJECT_OVERRIDE_EXAMPLE)))
    public Uni<Response> deleteProjectOverride(@Parameter(description = CostApiDocs.PROJECT, example = "shop")
            @PathParam("project") @Pattern(regexp = KubernetesNames.DNS_LABEL_REGEX,
                    message = KubernetesNames.DNS_LABEL_RULE) String project) {
        return admin.deleteProjectOverride(project).map(deleted -> {
            if (!deleted) {
                throw ProblemException.notFound("Project " + project + " has no rate override");
            }
            return Response.noContent().build();
        });
    }

    @GET
    @Path("/clusters/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "getClusterRateOverride", summary = "A cluster's rate override",
            description = CostApiDocs.ADMIN)
    @APIResponse(responseCode = "200", description = "The override", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OverrideView.class),
            examples = @ExampleObject(name = "memory rate and one instance price", value = CLUSTER_OVERRIDE_VIEW)))
    @APIResponse(responseCode = "404", description = CLUSTER_OVERRIDE_NOT_FOUND, content = @Content(
            mediaType = CostApiDocs.PROBLEM_JSON, schema = @Schema(ref = CostApiDocs.PROBLEM),
            examples = @ExampleObject(name = "no override", value = NO_CLUSTER_OVERRIDE_EXAMPLE)))
    public Uni<OverrideView> clusterOverride(
            @Parameter(description = CostApiDocs.CLUSTER_ID, example = CostApiDocs.CLUSTER_ID_EXAMPLE)
            @PathParam("id") UUID id) {
        return admin.clusterOverride(id).map(RateCardResource::view);
    }

    @PUT
    @Path("/clusters/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "setClusterRateOverride",
            summary = "Set the rates of one cluster (each unset rate falls through to its project's, then the default)",
            description = "Creates or replaces the cluster's override; 200 either way. The cluster must be one "
                    + "cost-service knows (deleted ones included). " + CostApiDocs.ADMIN)
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = OverrideBody.class),
            examples = @ExampleObject(name = "CPU rate and one instance price", value = OVERRIDE_BODY)))
    @APIResponse(responseCode = "200", description = "The override now in force", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OverrideView.class),
            examples = @ExampleObject(name = "memory rate and one instance price", value = CLUSTER_OVERRIDE_VIEW)))
    @APIResponse(responseCode = "400", description = CostApiDocs.BAD_RATES, content = @Content(
            mediaType = CostApiDocs.PROBLEM_JSON, schema = @Schema(ref = CostApiDocs.PROBLEM),
            examples = @ExampleObject(name = "negative rate, bad currency", value = CostApiDocs.BAD_RATES_EXAMPLE)))
    @APIResponse(responseCode = "404", description = "No such cluster, or an id that is not a UUID",
            content = @Content(
            mediaType = CostApiDocs.PROBLEM_JSON, schema = @Schema(ref = CostApiDocs.PROBLEM),
            examples = @ExampleObject(name = "unknown cluster", value = UNKNOWN_CLUSTER_NOT_FOUND_EXAMPLE)))
    public Uni<OverrideView> setClusterOverride(
            @Parameter(description = CostApiDocs.CLUSTER_ID, example = CostApiDocs.CLUSTER_ID_EXAMPLE)
            @PathParam("id") UUID id, @Valid @NotNull OverrideBody body) {
        return admin.setClusterOverride(id, domain(body, ""), caller.get().name()).map(RateCardResource::view);
    }

    @DELETE
    @Path("/clusters/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "deleteClusterRateOverride", summary = "Remove a cluster's rate override",
            description = "The cluster falls back to its project's override, the installation rates and the card. "
                    + CostApiDocs.ADMIN)
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = CLUSTER_OVERRIDE_NOT_FOUND, content = @Content(
            mediaType = CostApiDocs.PROBLEM_JSON, schema = @Schema(ref = CostApiDocs.PROBLEM),
            examples = @ExampleObject(name = "no override", value = NO_CLUSTER_OVERRIDE_EXAMPLE)))
    public Uni<Response> deleteClusterOverride(
            @Parameter(description = CostApiDocs.CLUSTER_ID, example = CostApiDocs.CLUSTER_ID_EXAMPLE)
            @PathParam("id") UUID id) {
        return admin.deleteClusterOverride(id).map(deleted -> {
            if (!deleted) {
                throw ProblemException.notFound("Cluster " + id + " has no rate override");
            }
            return Response.noContent().build();
        });
    }

    private CardView card(InstallationRates installation, boolean withPrices, String provider, String region,
            String instanceType) {
        RateCard card = rates.card();
        List<InstancePriceView> prices = null;
        if (withPrices) {
            prices = card.prices().stream()
                    .filter(p -> matches(provider, p.provider().id()) && matches(region, p.region())
                            && matches(instanceType, p.instanceType()))
                    .map(InstancePriceView::of)
                    .toList();
        }
        return new CardView(card.source(), card.asOf(), card.currency(), card.notes(), origin.location(),
                card.unitRates(), card.currency().equals(installation.currency()), card.prices().size(), prices);
    }

    private static boolean matches(String wanted, String value) {
        return wanted == null || wanted.isBlank() || wanted.trim().toLowerCase(Locale.ROOT).equals(value.toLowerCase(Locale.ROOT));
    }

    static InstallationRatesView view(RatesService.Installation installation) {
        UnitRates unit = installation.rates().defaults();
        return new InstallationRatesView(installation.rates().currency(), unit.cpuCoreHour(), unit.memoryGibHour(),
                unit.gpuHour(), unit.storageGibMonth(), installation.source(), installation.updatedAt(),
                installation.updatedBy());
    }

    private RateCardsView view(RateSettings settings) {
        RatesService.Installation installation = settings.installation();
        return new RateCardsView(view(installation), this.settings.weight().toString(),
                this.settings.maxGap().toString(), card(installation.rates(), false, null, null, null),
                settings.projects().stream().map(RateCardResource::view).toList(),
                settings.clusters().stream().map(RateCardResource::view).toList());
    }

    static OverrideView view(OverrideSetting override) {
        return new OverrideView(override.project(), override.clusterId(), override.clusterName(),
                override.cpuCoreHour(), override.memoryGibHour(), override.gpuHour(), override.storageGibMonth(),
                override.instancePrices(), override.updatedAt(), override.updatedBy());
    }

    /** Bean validation has checked the shapes; the domain checks the rest (and names the field if it refuses). */
    static InstallationRates domain(InstallationRatesBody body, String prefix) {
        try {
            return new InstallationRates(body.currency(), new UnitRates(body.cpuCoreHour(), body.memoryGibHour(),
                    body.gpuHour(), body.storageGibMonth()));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(prefix.isEmpty() ? "body" : prefix.substring(0, prefix.length() - 1),
                    e.getMessage());
        }
    }

    static RateOverride domain(OverrideBody body, String prefix) {
        try {
            return new RateOverride(body.cpuCoreHour(), body.memoryGibHour(), body.gpuHour(), body.storageGibMonth(),
                    body.instancePrices());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(prefix.isEmpty() ? "body" : prefix.substring(0, prefix.length() - 1),
                    e.getMessage());
        }
    }

}
