package io.mooring.addon.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** The last reported state of one layer of an attachment. */
@Entity
@Table(name = "addon_layer_status")
public class LayerStatusRecord {

    @Id
    public UUID id;

    @Column(name = "attachment_id", nullable = false)
    public UUID attachmentId;

    @Column(nullable = false)
    public String layer;

    @Column(name = "layer_order", nullable = false)
    public int layerOrder;

    @Column(nullable = false)
    public String status;

    public String message;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
