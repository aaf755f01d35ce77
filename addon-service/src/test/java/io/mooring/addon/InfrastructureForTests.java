package io.mooring.addon;

import io.mooring.testsupport.MooringTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Every @QuarkusTest of this module runs against the real broker and a fresh PostgreSQL database. */
@QuarkusTestResource(value = MooringTestResource.class, initArgs = @ResourceArg(name = "database", value = "mooring_addon_test"))
public class InfrastructureForTests {
}
