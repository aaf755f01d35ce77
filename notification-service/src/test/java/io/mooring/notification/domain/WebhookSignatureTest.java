package io.mooring.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    @Test
    void signsLikeTheStandardWebhooksReferenceExample() {
        // The example of the Standard Webhooks specification and its reference libraries.
        String signature = WebhookSignature.sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L, "{\"test\": 2432232314}");

        assertThat(signature).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void aChangedTimestampOrBodyGivesAnotherSignature() {
        String secret = WebhookSignature.newSecret();
        String signed = WebhookSignature.sign(secret, "id", 100, "{}");

        assertThat(WebhookSignature.sign(secret, "id", 101, "{}")).isNotEqualTo(signed);
        assertThat(WebhookSignature.sign(secret, "id", 100, "{ }")).isNotEqualTo(signed);
        assertThat(WebhookSignature.sign(WebhookSignature.newSecret(), "id", 100, "{}")).isNotEqualTo(signed);
    }

    @Test
    void newSecretsAreRandomAndPrefixed() {
        assertThat(WebhookSignature.newSecret()).startsWith("whsec_").hasSize(6 + 32)
                .isNotEqualTo(WebhookSignature.newSecret());
    }

    @Test
    void duringARotationTheHeaderCarriesTheNewSignatureThenThePreviousOne() {
        String current = WebhookSignature.newSecret();
        String previous = WebhookSignature.newSecret();

        assertThat(WebhookSignature.header(current, previous, "id", 100, "{}")).isEqualTo(
                WebhookSignature.sign(current, "id", 100, "{}") + " " + WebhookSignature.sign(previous, "id", 100, "{}"));
        assertThat(WebhookSignature.header(current, null, "id", 100, "{}"))
                .isEqualTo(WebhookSignature.sign(current, "id", 100, "{}"));
    }
}
