package io.mooring.testsupport;

import org.awaitility.Awaitility;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a topic of the real broker from the beginning, for tests that check what a service published.
 * Each reader has its own consumer group, so tests never steal each other's records.
 */
public final class TopicReader implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final String topic;
    private final List<ConsumerRecord<String, String>> seen = new CopyOnWriteArrayList<>();

    public TopicReader(String bootstrapServers, String topic) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"),
                new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(topic));
        this.topic = topic;
    }

    public static TopicReader of(String topic) {
        return new TopicReader(KafkaBroker.shared().bootstrapServers(), topic);
    }

    /** Waits (bounded) until {@code count} records match, and returns those that matched, in topic order. */
    public List<ConsumerRecord<String, String>> await(Predicate<ConsumerRecord<String, String>> filter, int count,
            Duration timeout) {
        Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(50)).until(() -> {
            poll();
            return matching(filter).size() >= count;
        });
        return matching(filter);
    }

    /** The first record of type {@code ceType} keyed by {@code key}, waiting up to 20 s. */
    public ConsumerRecord<String, String> awaitOne(String key, String ceType) {
        return await(r -> key.equals(r.key()) && ceType.equals(header(r, "ce_type")), 1, Duration.ofSeconds(20))
                .get(0);
    }

    /** Everything read so far that matches, after one more poll. */
    public List<ConsumerRecord<String, String>> readNow(Predicate<ConsumerRecord<String, String>> filter) {
        poll();
        return matching(filter);
    }

    /**
     * Everything on the topic up to its end as of now: waits (bounded) until this reader holds every partition of the
     * topic and has read each up to the end offset it had when asked. A topic nothing was ever published to is empty.
     */
    public List<ConsumerRecord<String, String>> readToEnd(Duration timeout) {
        Map<TopicPartition, Long> end = new HashMap<>();
        Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(50)).until(() -> {
            poll();
            Set<TopicPartition> partitions = new HashSet<>();
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            if (partitions.isEmpty()) {
                return true;
            }
            if (!consumer.assignment().containsAll(partitions)) {
                return false;
            }
            if (end.isEmpty()) {
                end.putAll(consumer.endOffsets(partitions));
            }
            return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
        });
        return matching(record -> true);
    }

    public static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private void poll() {
        consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
    }

    private List<ConsumerRecord<String, String>> matching(Predicate<ConsumerRecord<String, String>> filter) {
        List<ConsumerRecord<String, String>> result = new ArrayList<>();
        for (ConsumerRecord<String, String> record : seen) {
            if (filter.test(record)) {
                result.add(record);
            }
        }
        return result;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
