package io.mooring.support.testapp;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.util.UUID;

/** A stand-in for a service's state, changed together with an outbox event. */
@Entity
public class Widget {
    @Id
    public UUID id;
    @Column(name = "cluster_id")
    public UUID clusterId;
    public String name;
    public int seq;
}
