package io.mooring.support;

import io.mooring.testsupport.MooringTestResource;
import io.quarkus.test.common.QuarkusTestResource;

/** Every test of this module runs against the real broker and a fresh database. */
@QuarkusTestResource(value = MooringTestResource.class, initArgs = @io.quarkus.test.common.ResourceArg(name = "database", value = "mooring_support_test"))
public class InfrastructureForTests {
}
