package io.mooring.agent.service;

import io.mooring.agent.domain.ClusterFacts;
import io.mooring.agent.domain.InventoryFingerprint;
import io.mooring.agent.domain.ProviderDetector.Detection;
import io.mooring.agent.kubernetes.InventoryCollector;
import io.mooring.agent.platform.PlatformException;
import io.mooring.agent.platform.PlatformException.Kind;
import io.mooring.events.agent.InventoryReport;
import io.mooring.events.inventory.Inventory;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The inventory: collected when the cluster changed (at most every inventory-min) and at least every inventory-max,
 * sent when it differs from the last one sent. Only the latest collected inventory waits to be sent.
 */
final class InventoryLoop implements Loop.Body {

    // The agent's log category, the one operators filter on.
    private static final Logger LOG = Logger.getLogger(Agent.class);

    private final AgentAssembly parts;
    private final Runnable onDetectionChanged;
    private final AtomicBoolean dirty = new AtomicBoolean(true);
    private String lastHash;
    private InventoryReport pending;
    private String pendingHash;
    private volatile Instant lastSent;
    private volatile Instant lastCollection;
    private volatile long lastBytes;
    private final AtomicLong sent = new AtomicLong();

    InventoryLoop(AgentAssembly parts, Runnable onDetectionChanged) {
        this.parts = parts;
        this.onDetectionChanged = onDetectionChanged;
    }

    /** The cluster changed: collect again on the next run. */
    void markDirty() {
        dirty.set(true);
    }

    @Override
    public Duration run() {
        Instant now = parts.clock.instant();
        boolean due = lastSent == null || !now.isBefore(lastSent.plus(parts.settings.inventoryMaxInterval()));
        if (dirty.getAndSet(false) || due && pending == null) {
            InventoryCollector.Collection collection;
            try {
                collection = parts.collector.collect();
            } catch (RuntimeException e) {
                dirty.set(true);
                throw e;
            }
            lastCollection = now;
            updateDetection(collection.detection(), collection.facts());
            Inventory inventory = collection.inventory();
            String hash = InventoryFingerprint.of(parts.json, inventory);
            if (due || !hash.equals(lastHash)) {
                // Only the latest inventory is kept: an older one that was never sent is simply replaced.
                pending = new InventoryReport(UUID.randomUUID(), now, inventory);
                pendingHash = hash;
            }
            LOG.debugf("Inventory collected in %d ms (%d nodes, %d pods)%s", collection.took().toMillis(), inventory.nodes().size(),
                    inventory.pods().total(), pending == null ? ", unchanged" : "");
        }
        if (pending != null) {
            InventoryReport report = pending;
            try {
                parts.calls.run(token -> parts.platform.inventory(token, report));
            } catch (PlatformException e) {
                if (e.kind() != Kind.REJECTED && e.kind() != Kind.TOO_LARGE) {
                    throw e;
                }
                // Sending the same document again would be refused again: wait for the next change or the maximum interval.
                LOG.warnf("The platform refused the inventory: %s", e.getMessage());
                lastSent = report.observedAt();
                lastHash = pendingHash;
                pending = null;
                return parts.settings.inventoryMinInterval();
            }
            var body = parts.platform.lastInventoryBody();
            lastBytes = body == null ? 0 : body.bytes();
            lastSent = report.observedAt();
            lastHash = pendingHash;
            pending = null;
            sent.incrementAndGet();
        }
        return parts.settings.inventoryMinInterval();
    }

    private void updateDetection(Detection detected, ClusterFacts facts) {
        Detection before = parts.cluster.detection();
        parts.cluster.detection(detected);
        parts.cluster.kubernetesVersion(facts.serverGitVersion());
        if (before != null && !before.equals(detected)) {
            LOG.infof("Detection changed from %s to %s", before, detected);
            onDetectionChanged.run();
        }
    }

    /** When the last inventory sent was observed. */
    Instant lastSent() {
        return lastSent;
    }

    Instant lastCollection() {
        return lastCollection;
    }

    long lastBytes() {
        return lastBytes;
    }

    long sent() {
        return sent.get();
    }
}
