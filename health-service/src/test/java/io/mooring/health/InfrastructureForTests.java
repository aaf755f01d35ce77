package io.mooring.health;

import io.mooring.testsupport.MooringTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Every test of this module runs against the real broker and a fresh database. */
@QuarkusTestResource(value = MooringTestResource.class, initArgs = @ResourceArg(name = "database", value = "mooring_health_test"))
public class InfrastructureForTests {
}
