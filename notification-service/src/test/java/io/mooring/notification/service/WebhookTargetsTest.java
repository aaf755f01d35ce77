package io.mooring.notification.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.notification.config.NotificationConfig;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The webhook URL rule as an installation configures it (decision 0013's host policy, https). */
class WebhookTargetsTest {

    @Test
    void byDefaultOnlyHttpsToPublicAddressesIsAllowed() {
        WebhookTargets targets = new WebhookTargets(config(Optional.empty(), false, true));

        assertThat(targets.refusal("http://93.184.215.14/hook")).isEqualTo("must be an https URL");
        assertThat(targets.refusal("https://127.0.0.1/hook")).contains("not public");
        assertThat(targets.refusal("https://169.254.169.254/latest/meta-data")).contains("not public");
        assertThat(targets.refusal("https://10.1.2.3:8443/hook")).contains("not public");
        assertThat(targets.refusal("https://93.184.215.14/hook")).isNull();
        assertThat(targets.refusal("https://user:pw@93.184.215.14/hook")).contains("user name or password");
        assertThat(targets.refusal("not a url at all")).isNotNull();
    }

    @Test
    void anInstallationMayListItsHostsAllowPrivateAddressesAndPlainHttp() {
        WebhookTargets listed = new WebhookTargets(config(Optional.of(List.of("*.example.com")), false, true));
        assertThat(listed.refusal("https://93.184.215.14/hook")).contains("not among the webhook hosts");

        WebhookTargets local = new WebhookTargets(config(Optional.empty(), true, false));
        assertThat(local.refusal("http://127.0.0.1:8080/hook")).isNull();
        assertThat(local.refusal("ftp://127.0.0.1/hook")).isEqualTo("must be an http or https URL");
    }

    private static NotificationConfig config(Optional<List<String>> hosts, boolean allowPrivate, boolean https) {
        NotificationConfig.Webhooks webhooks = new NotificationConfig.Webhooks() {
            public Optional<List<String>> allowedHosts() {
                return hosts;
            }

            public boolean allowPrivateAddresses() {
                return allowPrivate;
            }

            public boolean requireHttps() {
                return https;
            }
        };
        return new NotificationConfig() {
            public Webhooks webhooks() {
                return webhooks;
            }

            public Delivery delivery() {
                throw new UnsupportedOperationException();
            }

            public Rules rules() {
                throw new UnsupportedOperationException();
            }
        };
    }
}
