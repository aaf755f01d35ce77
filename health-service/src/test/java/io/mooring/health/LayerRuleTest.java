package io.mooring.health;

import io.mooring.testsupport.LayerRules;
import org.junit.jupiter.api.Test;

class LayerRuleTest {

    @Test
    void resourcesGoThroughServicesAndServicesNeverSeeTheApi() {
        LayerRules.check("io.mooring.health");
    }
}
