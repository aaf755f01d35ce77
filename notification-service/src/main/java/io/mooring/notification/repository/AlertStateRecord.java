package io.mooring.notification.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** What one rule last told about one thing, and what it holds back during its quiet period. */
@Entity
@Table(name = "alert_state")
@IdClass(AlertStateRecord.Key.class)
public class AlertStateRecord {

    @Id
    @Column(name = "rule_id")
    public UUID ruleId;
    @Id
    public String scope;
    @Id
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

    public static class Key implements Serializable {
        public UUID ruleId;
        public String scope;
        public String subject;

        public Key() {
        }

        public Key(UUID ruleId, String scope, String subject) {
            this.ruleId = ruleId;
            this.scope = scope;
            this.subject = subject;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(ruleId, k.ruleId) && Objects.equals(scope, k.scope)
                    && Objects.equals(subject, k.subject);
        }

        @Override
        public int hashCode() {
            return Objects.hash(ruleId, scope, subject);
        }
    }
}
