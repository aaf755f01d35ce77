package io.mooring.cli.auth;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What {@code mooring login} keeps between runs: the server, where the user signed in, and the tokens.
 * {@code expiresAt} is in epoch seconds; absent when unknown (a pasted token that is not a JWT).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Config(String server, String issuer, String clientId, String accessToken, String refreshToken,
        Long expiresAt) {

    public static final Config EMPTY = new Config(null, null, null, null, null, null);

    public Config withServer(String value) {
        return new Config(value, issuer, clientId, accessToken, refreshToken, expiresAt);
    }

    public Config withTokens(String access, String refresh, Long expiry) {
        return new Config(server, issuer, clientId, access, refresh, expiry);
    }

    public Config withProvider(String issuerUrl, String client) {
        return new Config(server, issuerUrl, client, accessToken, refreshToken, expiresAt);
    }
}
