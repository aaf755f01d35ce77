package io.mooring.support.api;

import io.quarkus.runtime.Startup;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.logging.Logger;

/**
 * The one page-cursor codec of every service: a cursor is the position after the last item of a page (a
 * few text parts, whatever the list orders by) with an HMAC-SHA256 tag (128 bits) over the position and the
 * list it was issued for, so a client can neither forge nor edit a cursor, nor carry one over to another list
 * or query. Anything else is a 400 problem naming the {@code cursor} parameter, which says nothing of why.
 *
 * <p>The key is {@code mooring.paging.cursor-secret}: every instance of a service must have the same one, or
 * a page fetched from one replica cannot be continued on another. The default suits the local stack and
 * tests only; a warning says so at start.
 */
@ApplicationScoped
@Startup
public class PageCursors {

    public static final String DEV_SECRET = "mooring-dev-cursor-secret-change-me";
    public static final String PARAMETER = "cursor";

    private static final Logger LOG = Logger.getLogger(PageCursors.class);
    private static final byte VERSION = 1;
    private static final int TAG = 16;
    private static final int MIN_SECRET_BYTES = 16;
    private static final int MAX_CURSOR_CHARS = 1024;
    private static final String ALGORITHM = "HmacSHA256";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    @ConfigMapping(prefix = "mooring.paging")
    public interface Config {
        /** HMAC key of page cursors, at least 16 bytes, the same on every instance of a service. */
        @WithDefault(DEV_SECRET)
        String cursorSecret();
    }

    private final SecretKeySpec key;

    @Inject
    public PageCursors(Config config) {
        this(config.cursorSecret());
        if (DEV_SECRET.equals(config.cursorSecret())) {
            LOG.warn("mooring.paging.cursor-secret is the development default: set MOORING_PAGING_CURSOR_SECRET "
                    + "to a secret of this installation, the same for every instance");
        }
    }

    public PageCursors(String secret) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("The cursor secret must have at least " + MIN_SECRET_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(bytes, ALGORITHM);
    }

    /**
     * A cursor for the position {@code parts}, valid only for {@code scope}: the list and, where a cursor
     * must not outlive its query, the query's parameters (e.g. {@code "clusters"},
     * {@code "events|" + clusterId + "|" + filter}).
     */
    public String encode(String scope, String... parts) {
        ByteBuffer body = ByteBuffer.allocate(1 + Arrays.stream(parts).mapToInt(p -> 4 + utf8(p).length).sum());
        body.put(VERSION);
        for (String part : parts) {
            byte[] bytes = utf8(part);
            body.putInt(bytes.length).put(bytes);
        }
        byte[] payload = body.array();
        byte[] token = Arrays.copyOf(payload, payload.length + TAG);
        System.arraycopy(tag(scope, payload), 0, token, payload.length, TAG);
        return ENCODER.encodeToString(token);
    }

    /**
     * The {@code count} parts of a cursor this codec issued for {@code scope}; null when there is no cursor
     * (null or blank).
     *
     * @throws ProblemException 400 naming {@code cursor} for anything else
     */
    public List<String> decode(String scope, String cursor, int count) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        if (cursor.length() > MAX_CURSOR_CHARS) {
            throw invalid();
        }
        byte[] token;
        try {
            token = DECODER.decode(cursor);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        // Base64 tolerates variants (padding, stray low bits): only the exact text issued is accepted.
        if (token.length <= 1 + TAG || !ENCODER.encodeToString(token).equals(cursor)) {
            throw invalid();
        }
        byte[] payload = Arrays.copyOf(token, token.length - TAG);
        if (!MessageDigest.isEqual(Arrays.copyOfRange(token, payload.length, token.length), tag(scope, payload))) {
            throw invalid();
        }
        ByteBuffer body = ByteBuffer.wrap(payload);
        if (body.get() != VERSION) {
            throw invalid();
        }
        String[] parts = new String[count];
        for (int i = 0; i < count; i++) {
            if (body.remaining() < 4) {
                throw invalid();
            }
            int length = body.getInt();
            if (length < 0 || length > body.remaining()) {
                throw invalid();
            }
            byte[] bytes = new byte[length];
            body.get(bytes);
            parts[i] = new String(bytes, StandardCharsets.UTF_8);
        }
        if (body.hasRemaining()) {
            throw invalid();
        }
        return List.of(parts);
    }

    /** The refusal of a cursor that did not decode, for callers whose own parsing of a part fails. */
    public static ProblemException invalid() {
        return ProblemException.invalid(PARAMETER,
                "is not a cursor returned by this query; start again from the first page");
    }

    private byte[] tag(String scope, byte[] payload) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            byte[] scopeBytes = utf8(scope);
            mac.update(ByteBuffer.allocate(4).putInt(scopeBytes.length).array());
            mac.update(scopeBytes);
            mac.update(payload);
            return Arrays.copyOf(mac.doFinal(), TAG);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every Java platform", e);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
