package io.mooring.registry.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mooring.testsupport.KeyMaterial;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class AgentSigningKeyTest {

    @Test
    void thePublicKeyIsDerivedFromThePrivateKeyFile() throws Exception {
        KeyMaterial keys = KeyMaterial.shared();
        PrivateKey privateKey = AgentSigningKey.read(keys.agentPrivateKeyFile());
        RSAPublicKey derived = AgentSigningKey.publicKeyOf(privateKey);
        String pem = Files.readString(keys.agentPublicKeyFile()).replaceAll("-----[A-Z ]+-----", "")
                .replaceAll("\\s", "");
        assertThat(derived.getEncoded()).isEqualTo(Base64.getDecoder().decode(pem));
    }

    @Test
    void aMissingOrWrongKeyFileStopsTheRegistryWithAClearMessage() throws Exception {
        assertThatThrownBy(() -> AgentSigningKey.read(Path.of("/nonexistent/key.pem")))
                .hasMessageContaining("/nonexistent/key.pem");
        Path garbage = Files.createTempFile("not-a-key", ".pem");
        Files.writeString(garbage, "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n");
        assertThatThrownBy(() -> AgentSigningKey.read(garbage)).hasMessageContaining("PKCS#8");
    }
}
