package io.mooring.health.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.util.Set;

/**
 * Everything health-service can be tuned with, under {@code mooring.health}. A size or count that would stop the work
 * it bounds at zero (no writer, a queue of none) is at least 1: the service refuses to start, not to write.
 */
@ConfigMapping(prefix = "mooring.health")
public interface HealthConfig {

    Thresholds thresholds();

    Sweep sweep();

    Events events();

    Inventory inventory();

    /**
     * How far ahead of this service's clock an agent-supplied time that orders things (an inventory's
     * observedAt, an event's firstSeen and lastSeen) may be. Beyond it the report is refused: one report from
     * the future would otherwise make every later one look old.
     */
    @WithDefault("5m")
    Duration maxClockSkew();

    /**
     * The {@code Retry-After} of the 503 an agent gets while its cluster's import has not reached this service
     * yet (the lifecycle consumer is behind): long enough that 10,000 new agents do not turn the wait into a
     * request storm, short enough that an agent is seen soon after its cluster is. The agent adds jitter.
     */
    @WithDefault("10s")
    Duration unknownClusterRetryAfter();

    /** The rules' thresholds; see {@code HealthThresholds} (domain) for what each means. */
    interface Thresholds {
        /** Silence after which a cluster is Disconnected. */
        @WithDefault("10m")
        Duration disconnectedAfter();

        @WithDefault("30m")
        Duration inventoryStaleAfter();

        @WithDefault("0.5")
        double nodesNotReadyFailRatio();

        @WithDefault("0.5")
        double nodesUnderPressureFailRatio();

        @WithDefault("5")
        int crashLoopRestarts();

        @WithDefault("5m")
        Duration pendingTooLongAfter();

        @WithDefault("kube-system")
        Set<String> systemNamespaces();

        /** The oldest supported Kubernetes version, e.g. 1.19. */
        @WithDefault("1.19")
        String minimumKubernetesVersion();

        @WithDefault("5")
        int maxNamesInMessage();

        /** A connected cluster is evaluated again at least this often, even without anything new. */
        @WithDefault("5m")
        Duration reevaluateEvery();
    }

    interface Sweep {
        /** How often the sweep looks for silent clusters and due evaluations. */
        @WithDefault("15s")
        Duration interval();

        /** Most clusters one sweep handles per kind of work. */
        @WithDefault("500")
        @Min(1)
        int batchSize();
    }

    interface Events {
        /** How long an entry is kept after it last happened. */
        @WithDefault("14d")
        Duration retention();

        /** How often the retention job runs. */
        @WithDefault("5m")
        Duration retentionInterval();

        /** Rows deleted per statement, so a delete never holds many locks or a long transaction. */
        @WithDefault("5000")
        @Min(1)
        int deleteChunk();

        /** Chunks per run at most; what is left waits for the next run. */
        @WithDefault("200")
        @Min(1)
        int maxChunksPerRun();

        /** Most events in one batch from an agent. */
        @WithDefault("5000")
        @Min(1)
        int maxBatchSize();

        /** How long applied batch ids are remembered for deduplication. */
        @WithDefault("1d")
        Duration reportIdRetention();

        /** Events a live stream may have waiting for a slow client before the stream is ended. */
        @WithDefault("2000")
        @Min(1)
        int streamBuffer();

        /** SSE comment sent this often so proxies keep an idle stream open. */
        @WithDefault("25s")
        Duration streamKeepAlive();

        /** Live streams one caller (token subject) may hold open at once; the next is refused with 429. */
        @WithDefault("5")
        int maxStreamsPerCaller();

        /**
         * Live streams one instance holds open at once, whoever holds them; the next is refused with 503 and
         * Retry-After. Each holds a buffer of up to stream-buffer entries and a connection, so this bounds memory
         * and connections when many callers each stay under their own cap.
         */
        @WithDefault("1000")
        int maxStreams();

        /**
         * Batches accepted but not yet written (waiting or in a transaction) at most; beyond it a batch is
         * refused with 429 and Retry-After instead of waiting in memory for a slow database.
         */
        @WithDefault("2000")
        @Min(1)
        int maxQueuedBatches();

        /**
         * Transactions writing event batches at once. The batches that arrive while they run are written together by
         * the next one, so fewer writers make fewer, larger transactions: the database's cost is mostly per
         * transaction (its statements' planning, the WAL flush at commit), not per event.
         */
        @WithDefault("2")
        @Min(1)
        int writers();

        /** Events in the batches accepted but not yet written at most (the same refusal). */
        @WithDefault("200000")
        @Min(1)
        int maxQueuedEvents();

        /** The Retry-After of a batch refused because the queue is full, and of a stream over a cap. */
        @WithDefault("5s")
        Duration busyRetryAfter();
    }

    interface Inventory {
        /** InventoryReported is published again when the last one is older than this, even if nothing changed. */
        @WithDefault("1h")
        Duration republishEvery();
    }
}
