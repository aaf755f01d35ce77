package io.mooring.addon.domain;

import java.util.regex.Pattern;

/** Name rules of docs/api.md#shape: names that end up in Kubernetes objects are DNS-1123 labels. */
public final class Names {

    /** A DNS-1123 label: lower-case alphanumerics and '-', starting and ending with an alphanumeric. */
    public static final String DNS_1123_LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    public static final String DNS_1123_MESSAGE = "must be a DNS-1123 label (lower-case letters, digits and '-', "
            + "starting and ending with a letter or digit)";

    /** Profile names are label values (63) and Helm release names are not involved: 63. */
    public static final int MAX_PROFILE_NAME = 63;
    /** Layer names are Helm release names, which Helm limits to 53 characters. */
    public static final int MAX_LAYER_NAME = 53;

    private static final Pattern LABEL = Pattern.compile(DNS_1123_LABEL);
    private static final Pattern SUBDOMAIN = Pattern.compile(DNS_1123_LABEL + "(\\." + DNS_1123_LABEL + ")*");

    private Names() {
    }

    public static boolean isLabel(String value) {
        return value != null && value.length() <= 63 && LABEL.matcher(value).matches();
    }

    public static boolean isSubdomain(String value) {
        return value != null && value.length() <= 253 && SUBDOMAIN.matcher(value).matches();
    }
}
