package io.mooring.registry.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class IdempotencyCipherTest {

    private final IdempotencyCipher cipher = new IdempotencyCipher("server secret".getBytes(StandardCharsets.UTF_8));

    @Test
    void onlyTheSameCallerWithTheSameKeyOpensAStoredAnswer() {
        IdempotencyCipher.Sealed sealed = cipher.seal("otto", "key-1", "{\"token\":\"s3cret\"}");
        assertThat(new String(sealed.body(), StandardCharsets.ISO_8859_1)).doesNotContain("s3cret");
        assertThat(cipher.open("otto", "key-1", sealed.nonce(), sealed.body())).contains("{\"token\":\"s3cret\"}");
        assertThat(cipher.open("olga", "key-1", sealed.nonce(), sealed.body())).isEmpty();
        assertThat(cipher.open("otto", "key-2", sealed.nonce(), sealed.body())).isEmpty();
        assertThat(new IdempotencyCipher("other".getBytes(StandardCharsets.UTF_8))
                .open("otto", "key-1", sealed.nonce(), sealed.body())).isEmpty();
    }

    @Test
    void lookupIdsDependOnCallerAndKeyAndRevealNeither() {
        String id = cipher.lookupId("otto", "key-1");
        assertThat(id).hasSize(64).doesNotContain("otto").doesNotContain("key-1");
        assertThat(cipher.lookupId("otto", "key-1")).isEqualTo(id);
        assertThat(cipher.lookupId("olga", "key-1")).isNotEqualTo(id);
        assertThat(cipher.lookupId("otto", "key-2")).isNotEqualTo(id);
    }
}
