package io.mooring.cost.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mooring.cost.domain.RateOverride;
import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/** The rates of a project or cluster override; a null rate is not overridden. */
@MappedSuperclass
public abstract class OverrideColumns {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<TreeMap<String, BigDecimal>> PRICES = new TypeReference<>() {
    };

    @Column(name = "cpu_core_hour")
    public BigDecimal cpuCoreHour;

    @Column(name = "memory_gib_hour")
    public BigDecimal memoryGibHour;

    @Column(name = "gpu_hour")
    public BigDecimal gpuHour;

    @Column(name = "storage_gib_month")
    public BigDecimal storageGibMonth;

    /** Instance type (lower case) → price per hour, as a JSON object. */
    @Column(name = "instance_prices")
    public String instancePrices;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Column(name = "updated_by")
    public String updatedBy;

    public RateOverride toDomain() {
        return new RateOverride(cpuCoreHour, memoryGibHour, gpuHour, storageGibMonth, prices());
    }

    public Map<String, BigDecimal> prices() {
        if (instancePrices == null || instancePrices.isBlank()) {
            return new TreeMap<>();
        }
        try {
            return JSON.readValue(instancePrices, PRICES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored instance prices are not valid JSON", e);
        }
    }

    public void set(RateOverride override, String by, Instant at) {
        cpuCoreHour = override.cpuCoreHour();
        memoryGibHour = override.memoryGibHour();
        gpuHour = override.gpuHour();
        storageGibMonth = override.storageGibMonth();
        try {
            instancePrices = JSON.writeValueAsString(override.instancePrices());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        updatedBy = by;
        updatedAt = at;
    }
}
