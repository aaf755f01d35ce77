package io.mooring.events;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The Kubernetes syntax rules for what users and agents name, the one copy every service checks with: cluster,
 * project and namespace names are DNS-1123 labels, label keys are qualified names with an optional DNS-1123
 * subdomain prefix, label values are short and plain. Checked before anything reaches a manifest, a query or an
 * event; each check answers why a value is refused.
 */
public final class KubernetesNames {

    public static final int MAX_LABEL_LENGTH = 63;
    public static final int MAX_SUBDOMAIN_LENGTH = 253;

    /**
     * A DNS-1123 label, its 63-character bound included, for {@code @Pattern} on request fields and parameters
     * (Bean Validation needs a constant).
     */
    public static final String DNS_LABEL_REGEX = "[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?";
    /** A DNS-1123 subdomain without its 253-character bound, which {@link #isDnsSubdomain} adds. */
    public static final String DNS_SUBDOMAIN_REGEX = DNS_LABEL_REGEX + "(\\." + DNS_LABEL_REGEX + ")*";

    private static final Pattern DNS_LABEL = Pattern.compile(DNS_LABEL_REGEX);
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile(DNS_SUBDOMAIN_REGEX);
    private static final Pattern QUALIFIED_NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");

    public static final String DNS_LABEL_RULE = "must be a DNS-1123 label: at most 63 lower-case letters, digits"
            + " and '-', starting and ending with a letter or digit";
    public static final String LABEL_KEY_RULE = "must be a Kubernetes label key: an optional DNS-1123 subdomain"
            + " prefix and '/', then at most 63 letters, digits, '-', '_' or '.', starting and ending with a"
            + " letter or digit";
    public static final String LABEL_VALUE_RULE = "must be a Kubernetes label value: empty, or at most 63"
            + " letters, digits, '-', '_' or '.', starting and ending with a letter or digit";

    private KubernetesNames() {
    }

    public static boolean isDnsLabel(String value) {
        return value != null && value.length() <= MAX_LABEL_LENGTH && DNS_LABEL.matcher(value).matches();
    }

    public static boolean isDnsSubdomain(String value) {
        return value != null && value.length() <= MAX_SUBDOMAIN_LENGTH && DNS_SUBDOMAIN.matcher(value).matches();
    }

    public static boolean isLabelKey(String key) {
        if (key == null || key.isEmpty()) {
            return false;
        }
        int slash = key.indexOf('/');
        String name = key;
        if (slash >= 0) {
            String prefix = key.substring(0, slash);
            name = key.substring(slash + 1);
            if (!isDnsSubdomain(prefix)) {
                return false;
            }
        }
        return name.length() <= MAX_LABEL_LENGTH && QUALIFIED_NAME.matcher(name).matches();
    }

    public static boolean isLabelValue(String value) {
        return value != null && (value.isEmpty()
                || value.length() <= MAX_LABEL_LENGTH && QUALIFIED_NAME.matcher(value).matches());
    }

    /** Why {@code value} is not a DNS-1123 label, or empty when it is one. */
    public static Optional<String> dnsLabelProblem(String value) {
        return isDnsLabel(value) ? Optional.empty() : Optional.of(DNS_LABEL_RULE);
    }

    public static Optional<String> labelKeyProblem(String key) {
        return isLabelKey(key) ? Optional.empty() : Optional.of(LABEL_KEY_RULE);
    }

    public static Optional<String> labelValueProblem(String value) {
        return isLabelValue(value) ? Optional.empty() : Optional.of(LABEL_VALUE_RULE);
    }
}
