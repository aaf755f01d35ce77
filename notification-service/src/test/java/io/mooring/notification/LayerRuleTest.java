package io.mooring.notification;

import io.mooring.testsupport.LayerRules;
import org.junit.jupiter.api.Test;

class LayerRuleTest {

    @Test
    void resourcesGoThroughServicesAndServicesNeverSeeTheApi() {
        LayerRules.check("io.mooring.notification");
    }
}
