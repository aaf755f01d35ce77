package io.mooring.notification.service;

import io.mooring.notification.config.NotificationConfig;
import io.mooring.support.net.HostPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * Which URLs may receive webhooks: https (unless the installation allows plain http), and a host that passes the
 * same {@link HostPolicy} as chart downloads (decision 0013), checked when the endpoint is created and again, by
 * its addresses, before every attempt. Blocking (DNS).
 *
 * <p>Between the check and the connection the name is resolved again, so a DNS answer that changes in between is
 * not caught; an {@code allowed-hosts} list is the stronger guard.
 */
@ApplicationScoped
public class WebhookTargets {

    private final HostPolicy policy;
    private final boolean requireHttps;

    public WebhookTargets(NotificationConfig config) {
        this.policy = new HostPolicy("webhook", config.webhooks().allowedHosts().orElse(List.of()),
                config.webhooks().allowPrivateAddresses());
        this.requireHttps = config.webhooks().requireHttps();
    }

    /** Why {@code url} may not receive webhooks; null when it may. */
    public String refusal(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return "is not a URL";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && (requireHttps || !scheme.equals("http"))) {
            return requireHttps ? "must be an https URL" : "must be an http or https URL";
        }
        if (uri.getUserInfo() != null) {
            return "must not carry a user name or password";
        }
        String host = uri.getHost();
        String refusal = policy.refusalOfName(host);
        if (refusal != null) {
            return refusal;
        }
        try {
            return policy.refusalOfAddresses(host, List.of(InetAddress.getAllByName(host)));
        } catch (UnknownHostException e) {
            return "host " + host + " is unknown (no DNS record)";
        }
    }
}
