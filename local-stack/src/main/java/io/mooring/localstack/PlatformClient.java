package io.mooring.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** The few registry calls the local stack makes through the gateway, as an admin. */
final class PlatformClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String gatewayUrl;
    private final String token;

    PlatformClient(String gatewayUrl, String token) {
        this.gatewayUrl = gatewayUrl;
        this.token = token;
    }

    JsonNode get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(gatewayUrl + path)).GET(), 200);
    }

    JsonNode post(String path, Map<String, Object> body, int expected) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(gatewayUrl + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))), expected);
    }

    JsonNode delete(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(gatewayUrl + path)).DELETE(), -1);
    }

    /** Fetches a manifest the way kubectl would: a plain GET of the URL the registry handed out. */
    String fetch(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).GET()
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private JsonNode send(HttpRequest.Builder request, int expected) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.header("Authorization", "Bearer " + token)
                .header("Accept", "application/json").timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
        boolean ok = expected < 0 ? response.statusCode() < 300 : response.statusCode() == expected;
        if (!ok) {
            throw new IOException(request.build().method() + " " + request.build().uri() + " answered "
                    + response.statusCode() + ": " + response.body());
        }
        return response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
    }
}
