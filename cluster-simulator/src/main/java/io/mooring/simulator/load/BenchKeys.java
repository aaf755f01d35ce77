package io.mooring.simulator.load;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;

/**
 * The key files of a load run (bin/load-health, bin/bench): what test-support's KeyMaterial writes (the key set
 * {@code jwks.json} of the user and agent keys, the agent key pair as PEM) and also the user key's private half,
 * {@code user-signing-key.pem}, which KeyMaterial keeps in memory: the benchmark's fleet reads need a user token
 * from a process other than the one that made the keys. Only the JDK, so it runs on the simulator's class path.
 * <pre>java -cp &lt;class path&gt; io.mooring.simulator.load.BenchKeys &lt;directory&gt;</pre>
 */
public final class BenchKeys {

    /** The key ids KeyMaterial uses, which the services expect. */
    static final String USER_KEY_ID = "mooring-users-1";
    static final String AGENT_KEY_ID = "mooring-agents-1";

    private BenchKeys() {
    }

    public static void main(String[] args) throws IOException, GeneralSecurityException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: BenchKeys <directory>");
        }
        Path dir = Files.createDirectories(Path.of(args[0]));
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair user = generator.generateKeyPair();
        KeyPair agent = generator.generateKeyPair();
        Files.writeString(dir.resolve("jwks.json"), "{\"keys\":[" + jwk(USER_KEY_ID, (RSAPublicKey) user.getPublic())
                + "," + jwk(AGENT_KEY_ID, (RSAPublicKey) agent.getPublic()) + "]}\n");
        Files.writeString(dir.resolve("agent-signing-key.pem"), pem("PRIVATE KEY", agent.getPrivate().getEncoded()));
        Files.writeString(dir.resolve("agent-signing-key.pub.pem"), pem("PUBLIC KEY", agent.getPublic().getEncoded()));
        Files.writeString(dir.resolve("user-signing-key.pem"), pem("PRIVATE KEY", user.getPrivate().getEncoded()));
    }

    private static String jwk(String kid, RSAPublicKey key) {
        return "{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"" + kid + "\",\"n\":\""
                + unsigned(key.getModulus()) + "\",\"e\":\"" + unsigned(key.getPublicExponent()) + "\"}";
    }

    /** Base64url of the big-endian magnitude, without the sign byte BigInteger may add (RFC 7518 6.3.1). */
    private static String unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }
}
