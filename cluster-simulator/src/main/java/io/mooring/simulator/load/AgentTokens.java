package io.mooring.simulator.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Agent tokens for the synthetic agents: read from a file ({@code <clusterId> <token>} per line, as a registry
 * or a script issued them), or minted here exactly as the registry signs them (RS256, {@code kid} of the agent
 * key, issuer {@code mooring-registry}, audience {@code mooring}, subject the cluster id, group {@code mooring-agent}) with the
 * registry's PKCS#8 PEM private key, e.g. test-support's {@code KeyMaterial.agentPrivateKeyFile()}. Only the
 * JDK is used, so the driver runs with the simulator's own class path.
 */
final class AgentTokens {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    /** The key ids of test-support's KeyMaterial, which the services' key sets name. */
    static final String USER_KEY_ID = "mooring-users-1";
    static final String AGENT_KEY_ID = "mooring-agents-1";

    private AgentTokens() {
    }

    static Map<UUID, String> fromFile(Path file) throws IOException {
        Map<UUID, String> tokens = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (String line : lines) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] parts = trimmed.split("\\s+");
            if (parts.length != 2) {
                throw new IllegalArgumentException("Expected '<clusterId> <token>' in " + file + ": " + line);
            }
            tokens.put(UUID.fromString(parts[0]), parts[1]);
        }
        return tokens;
    }

    static PrivateKey readKey(Path pem) throws IOException, GeneralSecurityException {
        String text = Files.readString(pem, StandardCharsets.US_ASCII);
        if (!text.contains("BEGIN PRIVATE KEY")) {
            throw new IllegalArgumentException(pem + " is not a PKCS#8 PEM private key (BEGIN PRIVATE KEY)");
        }
        String body = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
    }

    static String mint(PrivateKey key, String keyId, String issuer, UUID clusterId, Duration lifetime)
            throws GeneralSecurityException {
        Instant now = Instant.now();
        return sign(key, keyId, "{\"iss\":\"" + issuer + "\",\"sub\":\"" + clusterId + "\",\"aud\":\"mooring\",\"groups\":[\"mooring-agent\"],"
                + "\"iat\":" + now.getEpochSecond() + ",\"exp\":" + now.plus(lifetime).getEpochSecond()
                + ",\"jti\":\"" + UUID.randomUUID() + "\"}");
    }

    /**
     * An administrator's user token, as the identity provider at {@code issuer} would sign it with its key
     * {@code keyId} (test-support's Tokens.admin(): role group {@code mooring-admin}, no project list), for the
     * benchmark's fleet reads.
     */
    static String mintAdmin(PrivateKey key, String keyId, String issuer, Duration lifetime)
            throws GeneralSecurityException {
        Instant now = Instant.now();
        return sign(key, keyId, "{\"iss\":\"" + issuer + "\",\"sub\":\"bench-admin\",\"upn\":\"bench-admin\","
                + "\"aud\":\"mooring\",\"groups\":[\"mooring-admin\"],\"projects\":[],"
                + "\"iat\":" + now.getEpochSecond() + ",\"exp\":" + now.plus(lifetime).getEpochSecond()
                + ",\"jti\":\"" + UUID.randomUUID() + "\"}");
    }

    private static String sign(PrivateKey key, String keyId, String claims) throws GeneralSecurityException {
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + keyId + "\"}";
        String signingInput = B64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + B64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(key);
        rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + B64.encodeToString(rsa.sign());
    }
}
