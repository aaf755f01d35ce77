package io.mooring.simulator.load;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;

/**
 * Announces the synthetic clusters as the registry would: a ClusterImported CloudEvent (binary mode) per
 * cluster on {@code mooring.cluster-lifecycle}, so health-service knows them and accepts their agents. Kafka's
 * client is loaded reflectively from the class path (the simulator module does not depend on it): run the
 * driver with kafka-clients on the class path, e.g. test-support's class path, to use this.
 */
final class LifecycleSeeder {

    static final String TOPIC = "mooring.cluster-lifecycle";
    static final String TYPE = "io.mooring.cluster.imported.v1";

    private LifecycleSeeder() {
    }

    static void announce(String bootstrapServers, Collection<UUID> clusters, String project) throws Exception {
        List<Message> messages = new ArrayList<>(clusters.size());
        int i = 0;
        for (UUID id : clusters) {
            String name = "load-" + (i++);
            messages.add(new Message(id, TYPE, "{\"clusterId\":\"" + id + "\",\"project\":\"" + project + "\",\"name\":\""
                    + name + "\",\"cloudType\":\"generic\",\"importMode\":\"read-only\",\"labels\":{\"load\":\"true\"},"
                    + "\"importedBy\":\"load-driver\",\"occurredAt\":\"" + Instant.now() + "\"}"));
        }
        publish(bootstrapServers, TOPIC, messages.iterator());
    }

    /** One CloudEvent: its subject (the cluster, also the record key), type and JSON data. */
    record Message(UUID subject, String type, String data) {
    }

    /**
     * Publishes CloudEvents (binary mode, as the services' outbox relays do) on {@code topic}, keyed by cluster,
     * and waits for the last to be acknowledged. Messages come from an iterator so a large set need not be held.
     */
    static void publish(String bootstrapServers, String topic, Iterator<Message> messages) throws Exception {
        Class<?> producerClass = load("org.apache.kafka.clients.producer.KafkaProducer");
        Class<?> serializer = load("org.apache.kafka.common.serialization.Serializer");
        Class<?> stringSerializer = load("org.apache.kafka.common.serialization.StringSerializer");
        Class<?> recordClass = load("org.apache.kafka.clients.producer.ProducerRecord");
        Class<?> headersClass = load("org.apache.kafka.common.header.Headers");
        Constructor<?> newProducer = producerClass.getConstructor(Map.class, serializer, serializer);
        Constructor<?> newRecord = recordClass.getConstructor(String.class, Object.class, Object.class);
        Method send = producerClass.getMethod("send", recordClass);
        Method headers = recordClass.getMethod("headers");
        Method add = headersClass.getMethod("add", String.class, byte[].class);
        // lz4: inventories of 50 nodes are tens of kilobytes of repetitive JSON each.
        Object producer = newProducer.newInstance(Map.of("bootstrap.servers", bootstrapServers, "linger.ms", "20",
                        "compression.type", "lz4", "max.request.size", "4194304"),
                stringSerializer.getConstructor().newInstance(), stringSerializer.getConstructor().newInstance());
        try {
            Future<?> last = null;
            while (messages.hasNext()) {
                Message message = messages.next();
                String id = message.subject().toString();
                Object record = newRecord.newInstance(topic, id, message.data());
                Object h = headers.invoke(record);
                add.invoke(h, "ce_specversion", bytes("1.0"));
                add.invoke(h, "ce_id", bytes(UUID.randomUUID().toString()));
                add.invoke(h, "ce_source", bytes("load-driver"));
                add.invoke(h, "ce_type", bytes(message.type()));
                add.invoke(h, "ce_subject", bytes(id));
                add.invoke(h, "ce_time", bytes(Instant.now().toString()));
                add.invoke(h, "content-type", bytes("application/json"));
                last = (Future<?>) send.invoke(producer, record);
            }
            if (last != null) {
                last.get();
            }
        } finally {
            producerClass.getMethod("close").invoke(producer);
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("--kafka needs kafka-clients on the class path (" + name + " is missing)");
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
