package io.mooring.registry.domain;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The Kubernetes syntax rules for what users name: cluster and project names are DNS-1123 labels, label keys
 * are qualified names with an optional DNS-1123 subdomain prefix, label values are short and plain. Checked
 * before anything reaches a manifest, a query or an event; each check answers why a value is refused.
 */
public final class KubernetesNames {

    public static final int MAX_LABEL_LENGTH = 63;
    public static final int MAX_SUBDOMAIN_LENGTH = 253;

    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile(
            "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
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

    public static boolean isLabelKey(String key) {
        if (key == null || key.isEmpty()) {
            return false;
        }
        int slash = key.indexOf('/');
        String name = key;
        if (slash >= 0) {
            String prefix = key.substring(0, slash);
            name = key.substring(slash + 1);
            if (prefix.isEmpty() || prefix.length() > MAX_SUBDOMAIN_LENGTH || !DNS_SUBDOMAIN.matcher(prefix).matches()) {
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
