package io.mooring.cost.repository;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "cost_project_rate_override")
public class ProjectRateOverrideRecord extends OverrideColumns {

    @Id
    public String project;
}
