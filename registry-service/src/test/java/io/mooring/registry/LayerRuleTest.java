package io.mooring.registry;

import io.mooring.testsupport.LayerRules;
import org.junit.jupiter.api.Test;

class LayerRuleTest {

    @Test
    void resourcesGoThroughServicesAndServicesNeverSeeTheApi() {
        LayerRules.check("io.mooring.registry");
    }
}
