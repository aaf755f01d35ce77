package io.mooring.support.security;

import java.security.interfaces.RSAPublicKey;

/**
 * The registry's agent key, where the service holds it itself (the registry does): {@link AgentTenant} then
 * verifies agent tokens with it instead of fetching the registry's key set over HTTP.
 */
public interface AgentVerificationKey {

    RSAPublicKey publicKey();
}
