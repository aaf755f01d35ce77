package io.mooring.registry.service;

import io.mooring.registry.config.AgentTokenConfig;
import io.mooring.support.security.AgentVerificationKey;
import io.mooring.support.security.SecurityConfig;
import io.smallrye.jwt.util.KeyUtils;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The registry's RSA key pair for agent JWTs: the private key is read from
 * {@code mooring.agent-tokens.signing-key-location} (PKCS#8 PEM), the public key derived from it and served
 * as a JWKS so other services can verify agent tokens. The key of stored idempotent answers is derived from it
 * too, so every instance of the registry agrees on it; page cursors are signed with
 * {@code mooring.paging.cursor-secret} instead (see {@link ServerSecrets}).
 */
@Startup
@ApplicationScoped
public class AgentSigningKey implements AgentVerificationKey {

    private final PrivateKey privateKey;
    private final RSAPublicKey publicKey;
    private final String keyId;

    public AgentSigningKey(AgentTokenConfig config, SecurityConfig security) {
        this.privateKey = read(Path.of(config.signingKeyLocation()));
        this.publicKey = publicKeyOf(privateKey);
        this.keyId = security.agentKeyId();
    }

    static PrivateKey read(Path location) {
        try {
            return KeyUtils.decodePrivateKey(Files.readString(location, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the agent signing key at " + location, e);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalStateException("The agent signing key at " + location
                    + " is not an RSA private key in PKCS#8 PEM", e);
        }
    }

    /** The public half of an RSA private key that carries its CRT parameters (as every PKCS#8 RSA key does). */
    static RSAPublicKey publicKeyOf(PrivateKey key) {
        if (!(key instanceof RSAPrivateCrtKey crt)) {
            throw new IllegalStateException("The agent signing key must be an RSA private key with CRT parameters");
        }
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot derive the agent public key", e);
        }
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    public RSAPublicKey publicKey() {
        return publicKey;
    }

    public String keyId() {
        return keyId;
    }

    /** The public key as a JSON Web Key Set (RFC 7517). */
    public Map<String, Object> jwks() {
        Map<String, Object> jwk = Map.of(
                "kty", "RSA",
                "use", "sig",
                "alg", "RS256",
                "kid", keyId,
                "n", base64Url(publicKey.getModulus()),
                "e", base64Url(publicKey.getPublicExponent()));
        return Map.of("keys", List.of(jwk));
    }

    /** A 256-bit secret for {@code purpose}, derived from the private key (HMAC-SHA256, key = PKCS#8 bytes). */
    public byte[] derive(String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(privateKey.getEncoded(), "HmacSHA256"));
            return mac.doFinal(("mooring-registry:" + purpose).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String base64Url(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
