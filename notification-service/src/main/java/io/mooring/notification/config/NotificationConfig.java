package io.mooring.notification.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Settings of notification-service, under {@code mooring.notification}. */
@ConfigMapping(prefix = "mooring.notification")
public interface NotificationConfig {

    Webhooks webhooks();

    Delivery delivery();

    Rules rules();

    interface Webhooks {
        /** Only these hosts may receive webhooks ({@code hooks.example.com}, {@code *.example.com}); any when unset. */
        Optional<List<String>> allowedHosts();

        /** Whether a webhook host may resolve to a loopback, private or link-local address (decision 0013). */
        @WithDefault("false")
        boolean allowPrivateAddresses();

        /** Whether a webhook URL must be https; plain http is for tests and a trusted local stack only. */
        @WithDefault("true")
        boolean requireHttps();
    }

    interface Delivery {
        /** How often the delivery job looks for due deliveries ({@code @Scheduled} syntax). */
        @WithDefault("1s")
        String interval();

        /** Most deliveries one run of the job attempts. */
        @WithDefault("100")
        int batchSize();

        /** Longest one attempt may take, connecting and waiting for the answer included. */
        @WithDefault("10s")
        Duration timeout();

        /** Wait after the first failed attempt; it doubles with every further one. */
        @WithDefault("10s")
        Duration initialBackoff();

        /** Longest wait between two attempts. */
        @WithDefault("1h")
        Duration maxBackoff();

        /** Attempts after which a delivery is given up (status failed); it can still be redelivered by hand. */
        @WithDefault("10")
        int maxAttempts();

        /** Failed attempts in a row, across deliveries, after which an endpoint is disabled with the reason. */
        @WithDefault("20")
        int disableAfterFailures();

        /** How long finished deliveries stay in the delivery log. */
        @WithDefault("P30D")
        Duration retention();
    }

    interface Rules {
        /** How often held alerts (changes inside a rule's quiet period) are looked at again. */
        @WithDefault("5s")
        String quietSweepInterval();
    }
}
