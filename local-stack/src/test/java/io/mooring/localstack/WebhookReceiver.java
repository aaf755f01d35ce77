package io.mooring.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A user's webhook receiver, in the test: on loopback over plain http (which notification-service accepts only when
 * the stack allows private addresses and http), answering 204 to every delivery and keeping it, headers and raw
 * body, in the order they arrived.
 */
final class WebhookReceiver implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    /** One delivery as it arrived: the Standard Webhooks headers and the raw body. */
    record Received(String id, String timestamp, String signature, String body, Instant at) {

        /** The body as JSON; a null node when it is not JSON. */
        JsonNode event() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                return JSON.nullNode();
            }
        }
    }

    private WebhookReceiver(HttpServer server) {
        this.server = server;
    }

    static WebhookReceiver start() throws IOException {
        WebhookReceiver receiver = new WebhookReceiver(
                HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
        receiver.server.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            var h = exchange.getRequestHeaders();
            receiver.received.add(new Received(h.getFirst("webhook-id"), h.getFirst("webhook-timestamp"),
                    h.getFirst("webhook-signature"), new String(body, StandardCharsets.UTF_8), Instant.now()));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.server.start();
        return receiver;
    }

    /**
     * Lets {@code stack}'s notification-service deliver to a receiver like this one, before it starts: loopback over
     * plain http is refused by default, and allowed here only, as in notification-service's own tests.
     */
    static void allowIn(LocalStack stack) {
        stack.serviceProperty("mooring.notification.webhooks.allow-private-addresses=true");
        stack.serviceProperty("mooring.notification.webhooks.require-https=false");
    }

    /** The URL to give the webhook. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** What arrived so far, in order. */
    List<Received> received() {
        return List.copyOf(received);
    }

    /** The Standard Webhooks signature of {@code r} with {@code secret}, computed here independently of the service. */
    static String sign(String secret, Received r) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        byte[] digest = mac.doFinal((r.id() + "." + r.timestamp() + "." + r.body()).getBytes(StandardCharsets.UTF_8));
        return "v1," + Base64.getEncoder().encodeToString(digest);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
