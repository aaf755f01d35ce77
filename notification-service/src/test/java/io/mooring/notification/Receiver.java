package io.mooring.notification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A real webhook receiver on a random loopback port: it records every request and answers what it was told to,
 * one scripted answer per request (then 200 unless told to fail always).
 */
final class Receiver implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request as received. */
    record Request(String id, String timestamp, String signature, String contentType, String body, int answered) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** An answer: a status after a delay. */
    record Answer(int status, Duration delay) {
        static Answer status(int status) {
            return new Answer(status, Duration.ZERO);
        }
    }

    private final HttpServer server;
    private final ConcurrentLinkedQueue<Answer> script = new ConcurrentLinkedQueue<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile Integer always;

    Receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Answer answer = script.poll();
            if (answer == null) {
                answer = Answer.status(always == null ? 200 : always);
            }
            var h = exchange.getRequestHeaders();
            requests.add(new Request(h.getFirst("webhook-id"), h.getFirst("webhook-timestamp"),
                    h.getFirst("webhook-signature"), h.getFirst("Content-Type"),
                    new String(body, StandardCharsets.UTF_8), answer.status()));
            try {
                if (!answer.delay().isZero()) {
                    TimeUnit.MILLISECONDS.sleep(answer.delay().toMillis());
                }
                byte[] reply = (answer.status() >= 400 ? "busy" : "ok").getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(answer.status(), reply.length);
                exchange.getResponseBody().write(reply);
            } catch (InterruptedException | IOException e) {
                // the service gave up waiting and closed the connection
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    void then(Answer... answers) {
        script.addAll(List.of(answers));
    }

    void alwaysAnswer(int status) {
        always = status;
    }

    List<Request> requests() {
        return new ArrayList<>(requests);
    }

    /** The requests answered with a 2xx, in the order they arrived. */
    List<Request> delivered() {
        return requests().stream().filter(r -> r.answered() >= 200 && r.answered() < 300).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
