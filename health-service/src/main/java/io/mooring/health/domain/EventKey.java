package io.mooring.health.domain;

import io.mooring.events.agent.ClusterEvent;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * What makes two Kubernetes events "the same" in the event log: the involved object (namespace, kind,
 * name) and the reason.
 *
 * <p>Not the Event's uid: a {@code ClusterEvent} carries the uid of the Event object, not of the involved
 * object, and Kubernetes makes a new Event object for the same object and reason whenever the message
 * differs (one per crashing container) or the old one expired (the API server keeps events for an hour).
 * Keyed by Event uid, a pod crash-looping for a day would fill the log with dozens of entries. Event uids are
 * still used, inside an entry, to turn the cumulative per-Event counts into occurrences (see {@link EventEntry}).
 * An object deleted and recreated under the same name (a StatefulSet's web-0) shares one entry, which is how
 * people think of it and how the API filters (by kind and name).
 */
public record EventKey(String namespace, String objectKind, String objectName, String reason) {

    // Fixed so every instance, and every restart, derives the same entry id from the same key.
    private static final UUID ENTRY_ID_NAMESPACE = UUID.fromString("0b7f6d0e-5c1a-4d0e-9a43-6d2f3c1e8b57");

    /**
     * SHA-1 primed with the namespace; each id clones it. Looking SHA-1 up among the security providers for each
     * key was 2-3 % of health-service's CPU under agent load, and a digest per thread (a thread-local) still cost
     * 4 % in thread-local lookups on the event loops (flight recordings of bin/bench's ingestion part); a clone
     * is a copy of a few dozen bytes.
     */
    private static final MessageDigest PRIMED = primed();

    public EventKey {
        // Cluster-scoped objects (Nodes) have no namespace; "" keeps equality and unique indexes simple.
        namespace = namespace == null ? "" : namespace;
        objectKind = objectKind == null ? "" : objectKind;
        objectName = objectName == null ? "" : objectName;
        reason = reason == null ? "" : reason;
    }

    public static EventKey of(ClusterEvent event) {
        return new EventKey(event.namespace(), event.objectKind(), event.objectName(), event.reason());
    }

    /**
     * A deterministic id for this key's entry in one cluster (a name-based, version 5 UUID). The service can
     * make it the primary key and upsert a whole batch with {@code ON CONFLICT (id)}, with no lookup by key.
     */
    public UUID entryId(UUID clusterId) {
        byte[][] parts = new byte[4][];
        int length = 16;
        parts[0] = namespace.getBytes(StandardCharsets.UTF_8);
        parts[1] = objectKind.getBytes(StandardCharsets.UTF_8);
        parts[2] = objectName.getBytes(StandardCharsets.UTF_8);
        parts[3] = reason.getBytes(StandardCharsets.UTF_8);
        for (byte[] part : parts) {
            length += 4 + part.length;
        }
        ByteBuffer name = ByteBuffer.allocate(length);
        name.putLong(clusterId.getMostSignificantBits()).putLong(clusterId.getLeastSignificantBits());
        // Length-prefixed so that no two different keys serialise alike ("a/bc" vs "ab/c").
        for (byte[] part : parts) {
            name.putInt(part.length).put(part);
        }
        return nameBasedUuid(name.array());
    }

    /** A version 5 UUID of {@code name} in {@link #ENTRY_ID_NAMESPACE}, as RFC 9562 derives it. */
    private static UUID nameBasedUuid(byte[] name) {
        MessageDigest sha1;
        try {
            sha1 = (MessageDigest) PRIMED.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("The platform's SHA-1 cannot be cloned", e);
        }
        byte[] hash = sha1.digest(name);
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50); // version 5
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80); // IETF variant
        ByteBuffer b = ByteBuffer.wrap(hash, 0, 16);
        return new UUID(b.getLong(), b.getLong());
    }

    private static MessageDigest primed() {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(ByteBuffer.allocate(16)
                    .putLong(ENTRY_ID_NAMESPACE.getMostSignificantBits())
                    .putLong(ENTRY_ID_NAMESPACE.getLeastSignificantBits())
                    .array());
            return sha1;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every Java platform", e);
        }
    }
}
