package io.mooring.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.mooring.events.capability.Capabilities;
import io.mooring.events.capability.Capability;
import io.mooring.events.capability.Operation;
import org.junit.jupiter.api.Test;

class CapabilitiesTest {

    @Test
    void readOnlyClustersAreVisibleButTakeNoAddons() {
        assertThat(Capabilities.check(Operation.VIEW_COST, Modes.READ_ONLY).allowed()).isTrue();
        assertThat(Capabilities.check(Operation.VIEW_EVENT_LOG, Modes.READ_ONLY).allowed()).isTrue();
        Capability attach = Capabilities.check(Operation.ATTACH_ADDON_PROFILE, Modes.READ_ONLY);
        assertThat(attach.allowed()).isFalse();
        assertThat(attach.reason()).isEqualTo("requires full-permission mode");
        assertThat(Capabilities.check(Operation.MIGRATE_TO_FULL_PERMISSIONS, Modes.READ_ONLY).allowed()).isTrue();
    }

    @Test
    void fullPermissionClustersTakeAddonsButCannotMigrateAgain() {
        assertThat(Capabilities.check(Operation.ATTACH_ADDON_PROFILE, Modes.FULL_PERMISSION).allowed()).isTrue();
        assertThat(Capabilities.check(Operation.DETACH_ADDON_PROFILE, Modes.FULL_PERMISSION).allowed()).isTrue();
        assertThat(Capabilities.check(Operation.MIGRATE_TO_FULL_PERMISSIONS, Modes.FULL_PERMISSION).allowed()).isFalse();
    }

    @Test
    void noImportedClusterEverTakesInfrastructureProfilesKubeconfigDownloadsOrScaling() {
        for (String mode : new String[] {Modes.READ_ONLY, Modes.FULL_PERMISSION}) {
            assertThat(Capabilities.check(Operation.ATTACH_INFRASTRUCTURE_PROFILE, mode).reason())
                    .isEqualTo("imported clusters take add-on profiles only");
            assertThat(Capabilities.check(Operation.DOWNLOAD_KUBECONFIG, mode).reason())
                    .isEqualTo("get the kubeconfig from the cluster's own provider");
            assertThat(Capabilities.check(Operation.SCALE_NODES, mode).allowed()).isFalse();
            assertThat(Capabilities.check(Operation.ADD_WORKER_POOL, mode).allowed()).isFalse();
        }
        assertThat(Capabilities.of(Modes.READ_ONLY)).hasSize(Operation.values().length);
    }
}
