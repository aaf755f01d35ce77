package io.mooring.notification.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** What one rule last told about one thing, and what it holds back during its quiet period. */
@Entity
@Table(name = "alert_state")
public class AlertStateRecord {

    /** {@link Key#id()}. */
    @Id
    public String id;
    @Column(name = "rule_id")
    public UUID ruleId;
    public String scope;
    public String subject;
    @Column(name = "cluster_id")
    public UUID clusterId;
    @Column(name = "last_told")
    public String lastTold;
    @Column(name = "last_told_problem")
    public boolean lastToldProblem;
    @Column(name = "last_told_at")
    public Instant lastToldAt;
    public String latest;
    @Column(name = "latest_problem")
    public boolean latestProblem;
    /** The held signal as JSON, told by the sweep once the quiet period is over. */
    @Column(name = "latest_signal")
    public String latestSignal;
    @Column(name = "latest_at")
    public Instant latestAt;
    /** When the quiet period holding {@link #latestSignal} ends; null when nothing is held. */
    @Column(name = "held_until")
    public Instant heldUntil;

    /** The rule, the cluster (or "project") and the thing watched on it. */
    public record Key(UUID ruleId, String scope, String subject) {

        public String id() {
            return ruleId + "/" + scope + "/" + subject;
        }
    }
}
