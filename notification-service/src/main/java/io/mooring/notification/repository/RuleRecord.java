package io.mooring.notification.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "notification_rule")
public class RuleRecord {

    @Id
    public UUID id;
    public String project;
    public String name;
    public String trigger;
    @Column(name = "cluster_id")
    public UUID clusterId;
    @Column(name = "quiet_period_seconds")
    public long quietPeriodSeconds;
    @Column(name = "budget_amount")
    public BigDecimal budgetAmount;
    /** The budget's percentages, ascending, comma-separated. */
    @Column(name = "budget_thresholds")
    public String budgetThresholds;
    /** The rule names its webhooks (rows of notification_rule_webhook); false: every enabled one of the project. */
    public boolean targeted;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "created_at")
    public Instant createdAt;
}
