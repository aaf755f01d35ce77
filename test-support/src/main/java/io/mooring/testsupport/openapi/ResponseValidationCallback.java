package io.mooring.testsupport.openapi;

import io.quarkus.test.junit.callback.QuarkusTestAfterEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Installs {@link ResponseValidation} before each {@code @QuarkusTest} method of a service whose test configuration
 * says {@value ResponseValidation#SWITCH}{@code =true} (a test profile may say it too), and removes it after, so a
 * test of another module or profile never inherits it.
 */
public class ResponseValidationCallback implements QuarkusTestBeforeEachCallback, QuarkusTestAfterEachCallback {

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        boolean on = Boolean.getBoolean(ResponseValidation.SWITCH) || ConfigProvider.getConfig()
                .getOptionalValue(ResponseValidation.SWITCH, Boolean.class).orElse(false);
        boolean skipped = context.getTestInstance().getClass().isAnnotationPresent(ResponseValidation.NotValidated.class)
                || (context.getTestMethod() != null
                        && context.getTestMethod().isAnnotationPresent(ResponseValidation.NotValidated.class));
        if (on && !skipped) {
            ResponseValidation.install();
        } else {
            ResponseValidation.uninstall();
        }
    }

    @Override
    public void afterEach(QuarkusTestMethodContext context) {
        ResponseValidation.uninstall();
    }
}
