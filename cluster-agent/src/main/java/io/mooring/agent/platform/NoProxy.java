package io.mooring.agent.platform;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The hosts the agent reaches without its proxy, read as {@code NO_PROXY} is by curl and by the fabric8 client the
 * agent also runs: a name matches itself and every name under it ({@code corp.example} and {@code .corp.example}
 * both match {@code api.corp.example}), an IP address matches itself, a CIDR block ({@code 10.0.0.0/8},
 * {@code fd00::/8}) every address in it, and {@code *} everything. Entries are not resolved: a name is compared as
 * written, so an address entry matches only a URL that names the address.
 */
public final class NoProxy {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final List<String> suffixes = new ArrayList<>();
    private final List<Block> blocks = new ArrayList<>();
    private final boolean everything;

    private record Block(byte[] network, int prefix) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int bits = prefix;
            for (int i = 0; i < address.length && bits > 0; i++, bits -= 8) {
                int mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
                if ((address[i] & mask) != (network[i] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    private NoProxy(List<String> entries) {
        boolean all = false;
        for (String raw : entries) {
            String entry = raw.trim().toLowerCase(Locale.ROOT);
            if (entry.isEmpty()) {
                continue;
            }
            if (entry.equals("*")) {
                all = true;
                continue;
            }
            int slash = entry.indexOf('/');
            String address = slash < 0 ? entry : entry.substring(0, slash);
            byte[] literal = literal(stripBrackets(address));
            if (literal != null) {
                int prefix = slash < 0 ? literal.length * 8 : prefix(entry.substring(slash + 1), literal.length * 8, raw);
                blocks.add(new Block(literal, prefix));
            } else if (slash >= 0) {
                throw new IllegalArgumentException("no-proxy entry '" + raw + "' is neither a host name nor an address block");
            } else {
                suffixes.add(entry.startsWith(".") ? entry.substring(1) : entry);
            }
        }
        this.everything = all;
    }

    /** The matcher of these entries (blank entries are skipped). */
    public static NoProxy of(List<String> entries) {
        return new NoProxy(entries == null ? List.of() : entries);
    }

    /** Entries as {@code NO_PROXY} gives them: comma separated, spaces allowed. */
    public static List<String> split(String value) {
        List<String> entries = new ArrayList<>();
        if (value != null) {
            for (String part : value.split(",")) {
                if (!part.isBlank()) {
                    entries.add(part.trim());
                }
            }
        }
        return entries;
    }

    /** Whether requests to {@code host} (a URI's host, brackets and all) go direct. */
    public boolean matches(String host) {
        if (everything) {
            return true;
        }
        if (host == null || host.isEmpty()) {
            return false;
        }
        String name = stripBrackets(host.toLowerCase(Locale.ROOT));
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        byte[] address = literal(name);
        if (address != null) {
            for (Block block : blocks) {
                if (block.contains(address)) {
                    return true;
                }
            }
            return false;
        }
        for (String suffix : suffixes) {
            if (name.equals(suffix) || name.endsWith("." + suffix)) {
                return true;
            }
        }
        return false;
    }

    private static String stripBrackets(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** The bytes of an IP literal, or null for a name; never a DNS lookup. */
    private static byte[] literal(String text) {
        boolean v4 = IPV4.matcher(text).matches();
        boolean v6 = text.indexOf(':') >= 0 && text.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.');
        if (!v4 && !v6) {
            return null;
        }
        if (v4) {
            for (String octet : text.split("\\.")) {
                if (Integer.parseInt(octet) > 255) {
                    return null;
                }
            }
        }
        try {
            // A literal: getByName parses it without a lookup.
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static int prefix(String text, int max, String raw) {
        try {
            int prefix = new BigInteger(text).intValueExact();
            if (prefix >= 0 && prefix <= max) {
                return prefix;
            }
        } catch (NumberFormatException | ArithmeticException e) {
            // Falls through to the refusal below.
        }
        throw new IllegalArgumentException("no-proxy entry '" + raw + "' has a prefix length outside 0-" + max);
    }
}
