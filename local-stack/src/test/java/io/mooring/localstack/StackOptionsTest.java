package io.mooring.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class StackOptionsTest {

    @Test
    void everyOptionTheUsageNamesIsOneTheLauncherAccepts() {
        Matcher option = Pattern.compile("\\[(--[a-z-]+)( [^\\]]*)?]").matcher(StackOptions.usage());
        List<String> named = option.results().map(m -> m.group(1)).distinct().toList();
        assertThat(named).contains("--gateway-port", "--clusters", "--reset", "--no-build");
        for (String name : named) {
            if (name.equals("--no-build")) {
                continue; // bin/local-stack's own: it skips the build and is not passed on
            }
            String[] args = name.equals("--reset") ? new String[] {name}
                    : new String[] {name, name.endsWith("port") || name.endsWith("timeout") || name.equals("--replicas") ? "1" : "x=y"};
            if (name.equals("--clusters")) {
                args[1] = "eks:read-only";
            }
            if (name.equals("--identity-provider")) {
                args[1] = "keycloak";
            }
            assertThat(StackOptions.parse(args)).as(name).isNotNull();
        }
    }

    @Test
    void replicasRunOneInstanceOfEachServiceUnlessAskedForMore() {
        assertThat(StackOptions.parse(new String[0]).replicas()).isEqualTo(1);
        assertThat(StackOptions.parse(new String[] {"--replicas", "3"}).replicas()).isEqualTo(3);
        assertThatThrownBy(() -> StackOptions.parse(new String[] {"--replicas", "0"}))
                .hasMessageContaining("--replicas");
    }

    @Test
    void theBuiltInIdentityProviderIsTheDefaultAndKeycloakIsChosenByName() {
        assertThat(StackOptions.parse(new String[0]).identityProvider())
                .isEqualTo(StackOptions.IdentityProvider.BUILT_IN);
        assertThat(StackOptions.parse(new String[] {"--identity-provider", "keycloak"}).identityProvider())
                .isEqualTo(StackOptions.IdentityProvider.KEYCLOAK);
        assertThat(StackOptions.parse(new String[] {"--identity-provider=keycloak"}).identityProvider())
                .isEqualTo(StackOptions.IdentityProvider.KEYCLOAK);
        assertThatThrownBy(() -> StackOptions.parse(new String[] {"--identity-provider", "okta"}))
                .hasMessageContaining("built-in or keycloak");
    }

    @Test
    void anUnknownOptionIsRefusedWithAHint() {
        assertThatThrownBy(() -> StackOptions.parse(new String[] {"--gatway-port", "1"}))
                .hasMessageContaining("--gatway-port").hasMessageContaining("--help");
    }
}
