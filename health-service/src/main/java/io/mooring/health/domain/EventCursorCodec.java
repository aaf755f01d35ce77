package io.mooring.health.domain;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns cursors into opaque, URL-safe tokens and back. A token is signed (HMAC-SHA256, truncated to 128
 * bits) over its position and the query it was issued for (cluster and filter), so a client can neither
 * forge a position nor reuse a cursor with another query; either gets {@link InvalidCursorException}.
 * Every instance of the service must be given the same secret, or a page fetched from one instance cannot
 * be continued on another.
 */
public final class EventCursorCodec {

    private static final byte VERSION = 1;
    private static final int MAC_LENGTH = 16;
    private static final int BODY_LENGTH = 1 + 8 + 4 + 16;
    private static final int TOKEN_BYTES = BODY_LENGTH + MAC_LENGTH;
    private static final int MIN_SECRET_BYTES = 16;
    private static final String ALGORITHM = "HmacSHA256";

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final int TOKEN_CHARS = ENCODER.encodeToString(new byte[TOKEN_BYTES]).length();

    private final SecretKeySpec key;

    public EventCursorCodec(byte[] secret) {
        Objects.requireNonNull(secret, "secret");
        if (secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("The cursor secret must have at least " + MIN_SECRET_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(secret.clone(), ALGORITHM);
    }

    /** For a secret read from configuration. */
    public static EventCursorCodec withSecret(String secret) {
        return new EventCursorCodec(Objects.requireNonNull(secret, "secret").getBytes(StandardCharsets.UTF_8));
    }

    public String encode(EventCursor cursor, UUID clusterId, EventFilter filter) {
        ByteBuffer body = ByteBuffer.allocate(BODY_LENGTH)
                .put(VERSION)
                .putLong(cursor.lastSeen().getEpochSecond())
                .putInt(cursor.lastSeen().getNano())
                .putLong(cursor.id().getMostSignificantBits())
                .putLong(cursor.id().getLeastSignificantBits());
        byte[] token = Arrays.copyOf(body.array(), TOKEN_BYTES);
        System.arraycopy(mac(body.array(), clusterId, filter), 0, token, BODY_LENGTH, MAC_LENGTH);
        return ENCODER.encodeToString(token);
    }

    /**
     * The cursor a token stands for, if this codec issued it for this cluster and filter.
     *
     * @throws InvalidCursorException for anything else
     */
    public EventCursor decode(String token, UUID clusterId, EventFilter filter) {
        if (token == null || token.length() != TOKEN_CHARS) {
            throw new InvalidCursorException();
        }
        byte[] bytes;
        try {
            bytes = DECODER.decode(token);
        } catch (IllegalArgumentException e) {
            throw new InvalidCursorException();
        }
        // Base64 tolerates some variants (padding, stray low bits); only the exact text we issue is accepted.
        if (bytes.length != TOKEN_BYTES || !ENCODER.encodeToString(bytes).equals(token)) {
            throw new InvalidCursorException();
        }
        byte[] body = Arrays.copyOfRange(bytes, 0, BODY_LENGTH);
        byte[] mac = Arrays.copyOfRange(bytes, BODY_LENGTH, TOKEN_BYTES);
        if (!MessageDigest.isEqual(mac, mac(body, clusterId, filter))) {
            throw new InvalidCursorException();
        }
        ByteBuffer b = ByteBuffer.wrap(body);
        if (b.get() != VERSION) {
            throw new InvalidCursorException();
        }
        try {
            Instant lastSeen = Instant.ofEpochSecond(b.getLong(), b.getInt());
            return new EventCursor(lastSeen, new UUID(b.getLong(), b.getLong()));
        } catch (DateTimeException | ArithmeticException e) {
            throw new InvalidCursorException();
        }
    }

    private byte[] mac(byte[] body, UUID clusterId, EventFilter filter) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update(body);
            mac.update(scope(clusterId, filter));
            return Arrays.copyOf(mac.doFinal(), MAC_LENGTH);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every Java platform", e);
        }
    }

    private static byte[] scope(UUID clusterId, EventFilter filter) {
        String scope = Objects.requireNonNull(clusterId, "clusterId") + "|"
                + (filter == null ? EventFilter.ALL : filter).fingerprint();
        return scope.getBytes(StandardCharsets.UTF_8);
    }
}
