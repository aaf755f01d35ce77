package io.mooring.support.security;

/**
 * The roles of docs/security.md#user-tokens-and-roles. A higher role holds the lower ones
 * ({@link TokenAugmentor} adds them), so a resource names only the least role an operation needs.
 */
public final class Roles {
    public static final String VIEWER = "mooring-viewer";
    public static final String OPERATOR = "mooring-operator";
    public static final String ADMIN = "mooring-admin";
    /** Held only by agent tokens the registry signed; never together with a user role. */
    public static final String AGENT = "mooring-agent";

    private Roles() {
    }
}
