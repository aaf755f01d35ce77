package io.mooring.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.LinkedHashMap;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The keys of a Mooring installation for tests and the local stack: one pair standing in for the
 * identity provider that signs user tokens, and the registry's pair that signs agent tokens. The services
 * find the user key through an OpenID Connect issuer ({@link OidcIssuer}) and the agent key through the
 * registry's key set; {@link #jwksFile()} holds both public keys for tools that read keys from a file.
 */
public final class KeyMaterial {

    public static final String USER_KEY_ID = "mooring-users-1";
    public static final String AGENT_ISSUER = "mooring-registry";
    public static final String AGENT_KEY_ID = "mooring-agents-1";
    /** The audience every Mooring token carries (mooring.security.audience). */
    public static final String AUDIENCE = "mooring";

    private static KeyMaterial shared;

    private final KeyPair userKeys;
    private final KeyPair agentKeys;
    private final Path jwksFile;
    private final Path agentPrivateKeyFile;
    private final Path agentPublicKeyFile;

    private KeyMaterial(KeyPair userKeys, KeyPair agentKeys, Path dir) {
        this.userKeys = userKeys;
        this.agentKeys = agentKeys;
        this.jwksFile = dir.resolve("jwks.json");
        this.agentPrivateKeyFile = dir.resolve("agent-signing-key.pem");
        this.agentPublicKeyFile = dir.resolve("agent-signing-key.pub.pem");
        try {
            Files.createDirectories(dir);
            Map<String, RSAPublicKey> both = new LinkedHashMap<>();
            both.put(USER_KEY_ID, (RSAPublicKey) userKeys.getPublic());
            both.put(AGENT_KEY_ID, (RSAPublicKey) agentKeys.getPublic());
            Files.writeString(jwksFile, OidcIssuer.keySet(both));
            Files.writeString(agentPrivateKeyFile, pem("PRIVATE KEY", agentKeys.getPrivate().getEncoded()));
            Files.writeString(agentPublicKeyFile, pem("PUBLIC KEY", agentKeys.getPublic().getEncoded()));
            // The user issuer's private half, for tools that sign user tokens in another process (bin/bench's
            // fleet reads); the tests sign with userSigningKey().
            Files.writeString(dir.resolve("user-signing-key.pem"), pem("PRIVATE KEY", userKeys.getPrivate().getEncoded()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a new set of keys into the directory given, for tools run outside the tests (bin/load-health). */
    public static void main(String[] args) {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: KeyMaterial <directory>");
        }
        generate(Path.of(args[0]));
    }

    /** One set of keys per JVM, in a temporary directory. */
    public static synchronized KeyMaterial shared() {
        if (shared == null) {
            try {
                shared = generate(Files.createTempDirectory("mooring-keys-"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    public static KeyMaterial generate(Path dir) {
        return new KeyMaterial(rsa(), rsa(), dir);
    }

    public PrivateKey userSigningKey() {
        return userKeys.getPrivate();
    }

    public PrivateKey agentSigningKey() {
        return agentKeys.getPrivate();
    }

    public RSAPublicKey userPublicKey() {
        return (RSAPublicKey) userKeys.getPublic();
    }

    public RSAPublicKey agentPublicKey() {
        return (RSAPublicKey) agentKeys.getPublic();
    }

    /** Public keys of both signers, as one JWKS document. */
    public Path jwksFile() {
        return jwksFile;
    }

    /** The registry's private key (PKCS#8 PEM) for signing agent tokens. */
    public Path agentPrivateKeyFile() {
        return agentPrivateKeyFile;
    }

    public Path agentPublicKeyFile() {
        return agentPublicKeyFile;
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    @Override
    public String toString() {
        return List.of(jwksFile, agentPrivateKeyFile).stream().map(Path::toString).collect(Collectors.joining(", "));
    }
}
