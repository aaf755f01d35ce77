package io.mooring.notification.service;

import io.mooring.notification.config.NotificationConfig;
import io.mooring.notification.domain.MessageFormat;
import io.mooring.notification.domain.WebhookSignature;
import io.mooring.notification.repository.DeliveryRepository.Due;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;

/**
 * Makes one attempt of a delivery: the host check, then a signed POST. Blocking; the delivery job runs it on a
 * worker thread. Redirects are not followed (a redirect could lead past the host policy): a 3xx is a failure.
 */
@ApplicationScoped
public class WebhookSender {

    /** What an attempt came to: a status code when the receiver answered, an error unless it was a 2xx. */
    public record Outcome(boolean delivered, Integer statusCode, String error, long latencyMs) {
    }

    private static final int MAX_ERROR = 500;

    private final WebhookTargets targets;
    private final Clock clock;
    private final Duration timeout;
    private final HttpClient client;

    public WebhookSender(WebhookTargets targets, Clock clock, NotificationConfig config) {
        this.targets = targets;
        this.clock = clock;
        this.timeout = config.delivery().timeout();
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(timeout)
                .build();
    }

    public Outcome send(Due due) {
        long started = System.nanoTime();
        String refusal = targets.refusal(due.url());
        if (refusal != null) {
            return new Outcome(false, null, "Not sent: the URL " + refusal, 0);
        }
        MessageFormat format = MessageFormat.fromWire(due.format());
        long timestamp = clock.instant().getEpochSecond();
        String id = due.eventId().toString();
        HttpRequest request = HttpRequest.newBuilder(URI.create(due.url()))
                .timeout(timeout)
                .header("Content-Type", format.contentType())
                .header("User-Agent", "Mooring-Webhooks/1")
                .header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", WebhookSignature.header(due.secret(), due.previousSecret(), id, timestamp,
                        due.body()))
                .POST(HttpRequest.BodyPublishers.ofString(due.body()))
                .build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            long latency = (System.nanoTime() - started) / 1_000_000;
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return new Outcome(true, status, null, latency);
            }
            String body = response.body() == null ? "" : response.body().strip();
            return new Outcome(false, status, cap("HTTP " + status + (body.isEmpty() ? "" : ": " + body)), latency);
        } catch (HttpTimeoutException e) {
            return new Outcome(false, null, "No answer within " + timeout.toMillis() + " ms",
                    (System.nanoTime() - started) / 1_000_000);
        } catch (IOException e) {
            return new Outcome(false, null, cap("Connection failed: " + e), (System.nanoTime() - started) / 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(false, null, "Interrupted", (System.nanoTime() - started) / 1_000_000);
        }
    }

    private static String cap(String error) {
        return error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR) + "…";
    }
}
