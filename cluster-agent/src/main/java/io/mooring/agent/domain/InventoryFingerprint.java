package io.mooring.agent.domain;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mooring.events.inventory.AllocationTable;
import io.mooring.events.inventory.Inventory;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A hash of what an inventory says about the cluster's shape: everything but the usage figures, which move with
 * every scrape. Two collections of an unchanged cluster hash the same, so the agent sends the inventory when the
 * hash changes and otherwise only when the maximum interval has passed. Streams the JSON into the digest: the
 * document is never held as bytes.
 */
public final class InventoryFingerprint {

    private InventoryFingerprint() {
    }

    public static String of(ObjectMapper json, Inventory inventory) {
        AllocationTable withoutUsage = inventory.allocationTable() == null ? null : inventory.allocationTable().withoutUsage();
        Inventory shape = new Inventory(inventory.kubernetesVersion(), inventory.detectedProvider(), inventory.detectedPlatform(),
                inventory.nodes(), inventory.namespaces(), inventory.workloads(), withoutUsage, inventory.pods(), inventory.problemPods(),
                inventory.volumes(), inventory.metricsAvailable());
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (OutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), digest)) {
                json.writeValue(out, shape);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
