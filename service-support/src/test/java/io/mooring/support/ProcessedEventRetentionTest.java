package io.mooring.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.support.messaging.ConsumerSettings;
import io.mooring.support.messaging.ProcessedEventRetention;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ProcessedEventRetentionTest {

    @Inject
    Pool pool;

    @Inject
    ProcessedEventRetention retention;

    @Inject
    ConsumerSettings settings;

    @Test
    void processedEventsAreRememberedLongerThanKafkaKeepsRecordsByDefault() {
        assertThat(settings.processedRetention()).isEqualTo(Duration.ofDays(14));
    }

    @Test
    void idsOlderThanTheRetentionAreForgottenInBatchesAndNewerOnesKept() {
        String consumer = "retention-" + System.nanoTime();
        Instant now = Instant.now();
        insert(consumer, 7, now.minus(Duration.ofDays(20)));
        insert(consumer, 2, now.minus(Duration.ofDays(1)));

        long deleted = retention.purgeBefore(now.minus(Duration.ofDays(14)), 3).await().atMost(Duration.ofSeconds(10));

        assertThat(deleted).isGreaterThanOrEqualTo(7);
        assertThat(count(consumer, now.minus(Duration.ofDays(14)))).isZero();
        assertThat(count(consumer, now.plusSeconds(60))).isEqualTo(2);
    }

    @Test
    void purgesRunningOnSeveralReplicasAtOnceAreHarmless() {
        String consumer = "retention-" + System.nanoTime();
        Instant now = Instant.now();
        insert(consumer, 20, now.minus(Duration.ofDays(30)));
        insert(consumer, 1, now);

        Instant before = now.minus(Duration.ofDays(14));
        List<Long> results = Uni.join().all(retention.purgeBefore(before, 2), retention.purgeBefore(before, 2),
                retention.purgeBefore(before, 2)).andFailFast().await().atMost(Duration.ofSeconds(20));

        assertThat(results).allSatisfy(n -> assertThat(n).isNotNegative());
        // A replica that finds the purge busy leaves the rest to the one holding it, which carries on to the end.
        assertThat(count(consumer, before)).isZero();
        assertThat(count(consumer, now.plusSeconds(60))).isEqualTo(1);
    }

    private void insert(String consumer, int rows, Instant processedAt) {
        pool.preparedQuery("""
                insert into mooring_processed_event (consumer, event_id, processed_at)
                select $1, gen_random_uuid(), $2 from generate_series(1, $3)""")
                .execute(Tuple.of(consumer, OffsetDateTime.ofInstant(processedAt, ZoneOffset.UTC), rows))
                .await().atMost(Duration.ofSeconds(5));
    }

    private long count(String consumer, Instant before) {
        return pool.preparedQuery("select count(*) from mooring_processed_event where consumer = $1 and processed_at < $2")
                .execute(Tuple.of(consumer, OffsetDateTime.ofInstant(before, ZoneOffset.UTC)))
                .await().atMost(Duration.ofSeconds(5)).iterator().next().getLong(0);
    }
}
