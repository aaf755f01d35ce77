package io.mooring.registry.service;

import io.mooring.registry.domain.PagePosition;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opaque, signed page cursors: the position (created-at, id) of the last cluster of a page, with an HMAC so a
 * client can neither forge nor edit one. A cursor that does not verify is refused, never guessed at.
 */
public final class CursorCodec {

    private static final int PAYLOAD = Long.BYTES + Integer.BYTES + 2 * Long.BYTES;
    private static final int TAG = 16;

    private final byte[] key;

    public CursorCodec(byte[] key) {
        this.key = key.clone();
    }

    public String encode(PagePosition position) {
        ByteBuffer payload = ByteBuffer.allocate(PAYLOAD);
        payload.putLong(position.createdAt().getEpochSecond());
        payload.putInt(position.createdAt().getNano());
        payload.putLong(position.id().getMostSignificantBits());
        payload.putLong(position.id().getLeastSignificantBits());
        byte[] bytes = payload.array();
        byte[] out = Arrays.copyOf(bytes, PAYLOAD + TAG);
        System.arraycopy(tag(bytes), 0, out, PAYLOAD, TAG);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
    }

    /** The position in {@code cursor}, or empty when it was not made by this codec or was altered. */
    public Optional<PagePosition> decode(String cursor) {
        if (cursor == null || cursor.length() > 100) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(cursor);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (bytes.length != PAYLOAD + TAG) {
            return Optional.empty();
        }
        byte[] payload = Arrays.copyOf(bytes, PAYLOAD);
        byte[] tag = Arrays.copyOfRange(bytes, PAYLOAD, PAYLOAD + TAG);
        if (!MessageDigest.isEqual(tag, tag(payload))) {
            return Optional.empty();
        }
        ByteBuffer buffer = ByteBuffer.wrap(payload);
        long seconds = buffer.getLong();
        int nanos = buffer.getInt();
        if (nanos < 0 || nanos > 999_999_999) {
            return Optional.empty();
        }
        return Optional.of(new PagePosition(Instant.ofEpochSecond(seconds, nanos), new UUID(buffer.getLong(), buffer.getLong())));
    }

    private byte[] tag(byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Arrays.copyOf(mac.doFinal(payload), TAG);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
