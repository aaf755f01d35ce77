package io.mooring.registry.api.validation;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import io.mooring.registry.domain.AgentNetwork;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.util.Optional;

/** An agent's HTTPS proxy: {@code http://host:port}, no credentials, no path. The message says what is wrong ({@link AgentNetwork#proxyProblem}). */
@Documented
@Constraint(validatedBy = ProxyUrl.Validator.class)
@Target({ FIELD, METHOD, PARAMETER, TYPE_USE })
@Retention(RUNTIME)
public @interface ProxyUrl {
    String message() default "must be a URL such as http://proxy.corp:3128";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<ProxyUrl, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            Optional<String> problem = AgentNetwork.proxyProblem(value);
            if (problem.isEmpty()) {
                return true;
            }
            // Our own words only (no user text), so nothing in them is read as a message expression.
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(problem.get()).addConstraintViolation();
            return false;
        }
    }
}
