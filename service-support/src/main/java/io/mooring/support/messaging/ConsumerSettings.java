package io.mooring.support.messaging;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "mooring.consumer")
public interface ConsumerSettings {

    /** First wait before a record whose handling failed for a passing reason (the database, say) is tried again. */
    @WithDefault("200ms")
    Duration retryInitialBackoff();

    /**
     * Longest wait between two tries. Retries never stop, so this is also the most a consumer lags behind once
     * the fault is over.
     */
    @WithDefault("10s")
    Duration retryMaxBackoff();

    /**
     * How long a handled event id is remembered. Above Kafka's default topic retention (7 days): a record older
     * than this can no longer be redelivered, so forgetting its id cannot let it be handled twice.
     */
    @WithDefault("P14D")
    Duration processedRetention();

    /** Most processed-event rows one purge statement deletes (short transactions, short locks). */
    @WithDefault("5000")
    int purgeBatchSize();

    /** How often this replica purges old processed-event rows ({@code @Scheduled} syntax, e.g. {@code 1h}). */
    @WithDefault("1h")
    String purgeInterval();

    /** The path segment of this service in {@code /api/v1/admin/<service>/dead-letters}. */
    @WithDefault("${quarkus.application.name}")
    String adminName();
}
