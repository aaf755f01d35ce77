package io.mooring.cost.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

@Entity
@Table(name = "cost_cluster_rate_override")
public class ClusterRateOverrideRecord extends OverrideColumns {

    @Id
    @Column(name = "cluster_id")
    public UUID clusterId;
}
