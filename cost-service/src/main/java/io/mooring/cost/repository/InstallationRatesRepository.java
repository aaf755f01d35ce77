package io.mooring.cost.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** The installation rates an admin set: at most one row; none means the configured rates apply. */
@ApplicationScoped
public class InstallationRatesRepository implements PanacheRepositoryBase<InstallationRatesRecord, Short> {

    /** The row, or null when an admin never set the rates (or reset them). */
    public Uni<InstallationRatesRecord> current() {
        return findById(InstallationRatesRecord.ID);
    }
}
