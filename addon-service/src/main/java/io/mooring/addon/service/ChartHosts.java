package io.mooring.addon.service;

import io.mooring.addon.config.AddonConfig;
import io.mooring.support.net.HostPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Applies the installation's {@link HostPolicy} to an address addon-service is about to download a chart
 * from: the name first, then every address it resolves to. Blocking (DNS).
 *
 * <p>Between this check and the connection the name is resolved again, so a DNS answer that changes in between
 * is not caught; an {@code allowed-hosts} list is the stronger guard.
 */
@ApplicationScoped
public class ChartHosts {

    private final HostPolicy policy;

    public ChartHosts(AddonConfig config) {
        this.policy = new HostPolicy("chart", config.charts().allowedHosts().orElse(List.of()),
                config.charts().allowPrivateAddresses());
    }

    /** Why a profile may not name {@code host} (checked when publishing, by name only); null when it may. */
    public String refusalOfName(String host) {
        return policy.refusalOfName(host);
    }

    /** Throws a fetch {@link ChartException} unless charts may be downloaded from {@code uri}'s host. */
    public void check(URI uri) {
        String host = uri.getHost();
        String refusal = policy.refusalOfName(host);
        if (refusal == null) {
            try {
                refusal = policy.refusalOfAddresses(host, List.of(InetAddress.getAllByName(host)));
            } catch (UnknownHostException e) {
                throw ChartException.fetch("the chart host " + host + " is unknown (no DNS record)");
            }
        }
        if (refusal != null) {
            throw ChartException.fetch("charts are not downloaded from " + uri.getScheme() + "://" + host + ": "
                    + refusal);
        }
    }
}
