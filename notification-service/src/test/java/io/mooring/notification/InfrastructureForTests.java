package io.mooring.notification;

import io.mooring.testsupport.MooringTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Every test of this module runs against the real broker and a fresh database. */
@QuarkusTestResource(value = MooringTestResource.class, initArgs = @ResourceArg(name = "database", value = "mooring_notification_test"))
public class InfrastructureForTests {
}
