package io.mooring.support.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Which hosts a service may call on a user's say-so: addon-service downloading the charts a profile names,
 * notification-service delivering to the webhooks a project registers. Without a rule, anyone allowed to name a
 * URL could make the service call addresses only it can reach (the cloud's metadata endpoint at 169.254.169.254,
 * the database, other services): decision 0013. One copy of the rule for both, so:
 * <ul>
 * <li>when {@code allowedHosts} is not empty, a host must match one of them: {@code charts.example.com}, or
 *     {@code *.example.com} for its subdomains;</li>
 * <li>unless {@code allowPrivateAddresses}, every address a host resolves to must be public: no loopback,
 *     private, link-local, carrier-grade NAT, unique-local, multicast or unspecified address.</li>
 * </ul>
 * Both are checked on every download, redirects included.
 */
public final class HostPolicy {

    private final List<String> allowedHosts;
    private final boolean allowPrivateAddresses;
    private final String purpose;

    /** {@code purpose} names the hosts in refusals ("chart", "webhook"). */
    public HostPolicy(String purpose, List<String> allowedHosts, boolean allowPrivateAddresses) {
        this.purpose = purpose;
        this.allowedHosts = allowedHosts == null ? List.of() : allowedHosts.stream()
                .map(h -> h.strip().toLowerCase(Locale.ROOT)).filter(h -> !h.isEmpty()).toList();
        this.allowPrivateAddresses = allowPrivateAddresses;
    }

    /** Why {@code host} may not be called, judged by its name; null when the name is allowed. */
    public String refusalOfName(String host) {
        if (host == null || host.isBlank()) {
            return "has no host";
        }
        if (allowedHosts.isEmpty()) {
            return null;
        }
        String name = host.toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        for (String allowed : allowedHosts) {
            if (allowed.startsWith("*.") ? name.endsWith(allowed.substring(1)) : name.equals(allowed)) {
                return null;
            }
        }
        return "host " + host + " is not among the " + purpose + " hosts this installation allows";
    }

    /** Why {@code host}, which resolved to {@code addresses}, may not be called; null when it may. */
    public String refusalOfAddresses(String host, List<InetAddress> addresses) {
        String byName = refusalOfName(host);
        if (byName != null) {
            return byName;
        }
        if (allowPrivateAddresses) {
            return null;
        }
        for (InetAddress address : addresses) {
            if (!isPublic(address)) {
                return "host " + host + " resolves to " + address.getHostAddress()
                        + ", an address that is not public";
            }
        }
        return null;
    }

    static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = bytes[0] & 0xff;
            int second = bytes[1] & 0xff;
            // 0.0.0.0/8 (this network), 100.64.0.0/10 (carrier-grade NAT), 192.0.0.0/24 (protocol assignments),
            // 198.18.0.0/15 (benchmarking), 240.0.0.0/4 (reserved, broadcast).
            return first != 0 && !(first == 100 && second >= 64 && second < 128)
                    && !(first == 192 && second == 0 && (bytes[2] & 0xff) == 0)
                    && !(first == 198 && (second == 18 || second == 19)) && first < 240;
        }
        if (address instanceof Inet6Address) {
            // fc00::/7 unique-local; an IPv4-mapped or IPv4-compatible address is judged by its IPv4 part.
            if ((bytes[0] & 0xfe) == 0xfc) {
                return false;
            }
            boolean zeroPrefix = true;
            for (int i = 0; i < 10; i++) {
                zeroPrefix &= bytes[i] == 0;
            }
            if (zeroPrefix && ((bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff) || (bytes[10] == 0 && bytes[11] == 0))) {
                try {
                    return isPublic(InetAddress.getByAddress(Arrays.copyOfRange(bytes, 12, 16)));
                } catch (UnknownHostException e) {
                    return false;
                }
            }
        }
        return true;
    }
}
