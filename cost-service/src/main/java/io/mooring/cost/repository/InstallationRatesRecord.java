package io.mooring.cost.repository;

import io.mooring.cost.domain.InstallationRates;
import io.mooring.cost.domain.UnitRates;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;

/** The installation's currency and unit rates as an admin set them (one row, id 1). */
@Entity
@Table(name = "cost_installation_rates")
public class InstallationRatesRecord {

    public static final short ID = 1;

    @Id
    public short id = ID;

    public String currency;

    @Column(name = "cpu_core_hour")
    public BigDecimal cpuCoreHour;

    @Column(name = "memory_gib_hour")
    public BigDecimal memoryGibHour;

    @Column(name = "gpu_hour")
    public BigDecimal gpuHour;

    @Column(name = "storage_gib_month")
    public BigDecimal storageGibMonth;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Column(name = "updated_by")
    public String updatedBy;

    public InstallationRates toDomain() {
        return new InstallationRates(currency, new UnitRates(cpuCoreHour, memoryGibHour, gpuHour, storageGibMonth));
    }

    public void set(InstallationRates rates, String by, Instant at) {
        currency = rates.currency();
        cpuCoreHour = rates.defaults().cpuCoreHour();
        memoryGibHour = rates.defaults().memoryGibHour();
        gpuHour = rates.defaults().gpuHour();
        storageGibMonth = rates.defaults().storageGibMonth();
        updatedBy = by;
        updatedAt = at;
    }
}
