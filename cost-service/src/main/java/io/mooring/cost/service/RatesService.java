package io.mooring.cost.service;

import io.mooring.cost.domain.ClusterRates;
import io.mooring.cost.domain.InstallationRates;
import io.mooring.cost.domain.RateCard;
import io.mooring.cost.domain.RateOverride;
import io.mooring.cost.domain.RateResolver;
import io.mooring.cost.repository.ClusterRateOverrideRecord;
import io.mooring.cost.repository.ClusterRecord;
import io.mooring.cost.repository.InstallationRatesRecord;
import io.mooring.cost.repository.OverrideColumns;
import io.mooring.cost.repository.ProjectRateOverrideRecord;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.hibernate.reactive.mutiny.Mutiny;

/** The rates in force: the installation's (API, else configuration), then project and cluster overrides. */
@ApplicationScoped
public class RatesService {

    /** The installation rates in force and whether an admin set them ("api") or they are "configuration". */
    public record Installation(InstallationRates rates, String source, Instant updatedAt, String updatedBy) {
    }

    private final RateCard card;
    private final InstallationRates configured;

    public RatesService(RateCard card, InstallationRates configured) {
        this.card = card;
        this.configured = configured;
    }

    public RateCard card() {
        return card;
    }

    public InstallationRates configured() {
        return configured;
    }

    public Uni<Installation> installation(Mutiny.Session session) {
        return session.find(InstallationRatesRecord.class, InstallationRatesRecord.ID)
                .map(record -> record == null
                        ? new Installation(configured, "configuration", null, null)
                        : new Installation(record.toDomain(), "api", record.updatedAt, record.updatedBy));
    }

    /** The rates of a cluster; session operations run one after the other, as a reactive session requires. */
    public Uni<ClusterRates> ratesFor(Mutiny.Session session, ClusterRecord cluster) {
        return installation(session).flatMap(installation ->
                session.find(ProjectRateOverrideRecord.class, cluster.project).flatMap(project ->
                        session.find(ClusterRateOverrideRecord.class, cluster.id).map(own ->
                                new RateResolver(card, installation.rates()).resolve(
                                        ClusterTypes.pricing(cluster.cloudType), domain(project), domain(own)))));
    }

    private static RateOverride domain(OverrideColumns record) {
        return record == null ? null : record.toDomain();
    }
}
