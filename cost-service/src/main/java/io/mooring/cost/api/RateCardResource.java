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
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Rate cards: the installation's currency and default unit rates, overrides per project and per cluster (admin),
 * and the card of instance prices with its source and date (any user). Changes apply to cost accrued from then on.
 */
@Path("/api/v1/rate-cards")
@Tag(name = "Rate cards")
public class RateCardResource {

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
    @Operation(summary = "Everything that prices clusters: installation rates, card, project and cluster overrides")
    public Uni<RateCardsView> all() {
        return admin.all().map(this::view);
    }

    @PUT
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Replace the installation rates and all overrides at once")
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
    @Operation(summary = "The rate card: on-demand instance prices with their source and date")
    public Uni<CardView> card(@QueryParam("provider") String provider, @QueryParam("region") String region,
            @QueryParam("instanceType") String instanceType) {
        return rates.installation().map(installation -> card(installation.rates(), true, provider, region, instanceType));
    }

    @GET
    @Path("/default")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "The installation's currency and default unit rates")
    public Uni<InstallationRatesView> installation() {
        return rates.installation().map(RateCardResource::view);
    }

    @PUT
    @Path("/default")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Set the installation's currency and default unit rates")
    public Uni<InstallationRatesView> setInstallation(@Valid @NotNull InstallationRatesBody body) {
        return admin.setInstallation(domain(body, ""), caller.get().name()).map(RateCardResource::view);
    }

    @DELETE
    @Path("/default")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Go back to the configured installation rates")
    public Uni<InstallationRatesView> resetInstallation() {
        return admin.resetInstallation().map(RateCardResource::view);
    }

    @GET
    @Path("/projects/{project}")
    @RolesAllowed(Roles.ADMIN)
    public Uni<OverrideView> projectOverride(@PathParam("project") @Pattern(regexp = KubernetesNames.DNS_LABEL_REGEX,
            message = KubernetesNames.DNS_LABEL_RULE) String project) {
        return admin.projectOverride(project).map(RateCardResource::view);
    }

    @PUT
    @Path("/projects/{project}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Set the rates of a project's clusters (each unset rate falls through to the default)")
    public Uni<OverrideView> setProjectOverride(@PathParam("project") @Pattern(regexp = KubernetesNames.DNS_LABEL_REGEX,
            message = KubernetesNames.DNS_LABEL_RULE) String project, @Valid @NotNull OverrideBody body) {
        return admin.setProjectOverride(project, domain(body, ""), caller.get().name()).map(RateCardResource::view);
    }

    @DELETE
    @Path("/projects/{project}")
    @RolesAllowed(Roles.ADMIN)
    public Uni<Response> deleteProjectOverride(@PathParam("project") @Pattern(regexp = KubernetesNames.DNS_LABEL_REGEX,
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
    public Uni<OverrideView> clusterOverride(@PathParam("id") UUID id) {
        return admin.clusterOverride(id).map(RateCardResource::view);
    }

    @PUT
    @Path("/clusters/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Set the rates of one cluster (each unset rate falls through to its project's, then the default)")
    public Uni<OverrideView> setClusterOverride(@PathParam("id") UUID id, @Valid @NotNull OverrideBody body) {
        return admin.setClusterOverride(id, domain(body, ""), caller.get().name()).map(RateCardResource::view);
    }

    @DELETE
    @Path("/clusters/{id}")
    @RolesAllowed(Roles.ADMIN)
    public Uni<Response> deleteClusterOverride(@PathParam("id") UUID id) {
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
