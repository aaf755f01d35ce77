package io.mooring.notification.domain;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs deliveries the way the Standard Webhooks specification does, so receivers can use its libraries: the
 * secret is {@code whsec_} and base64 of random bytes; the signature is {@code v1,} and base64 of
 * HMAC-SHA256(secret bytes, {@code id.timestamp.body}), sent as {@code webhook-signature} beside
 * {@code webhook-id} (the CloudEvent id, the same on every attempt) and {@code webhook-timestamp} (seconds, the
 * time of this attempt: a receiver refuses old timestamps, which stops replays).
 */
public final class WebhookSignature {

    public static final String PREFIX = "whsec_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSignature() {
    }

    public static String newSecret() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getEncoder().encodeToString(bytes);
    }

    /**
     * The {@code webhook-signature} header: the signature by the current secret, then, while a rotation's grace
     * period runs, the one by the secret it replaced, space-separated as the specification allows, so a receiver
     * that still holds only the old secret accepts the delivery too.
     */
    public static String header(String secret, String previousSecret, String id, long timestampSeconds, String body) {
        String current = sign(secret, id, timestampSeconds, body);
        return previousSecret == null ? current : current + " " + sign(previousSecret, id, timestampSeconds, body);
    }

    public static String sign(String secret, String id, long timestampSeconds, String body) {
        String key = secret.startsWith(PREFIX) ? secret.substring(PREFIX.length()) : secret;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(key), "HmacSHA256"));
            byte[] digest = mac.doFinal((id + "." + timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("Every Java runtime has HmacSHA256", e);
        }
    }
}
