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

/** A no-proxy entry: a host name, a domain, an IP address or a CIDR block. The message says what is wrong ({@link AgentNetwork#noProxyProblem}). */
@Documented
@Constraint(validatedBy = NoProxyEntry.Validator.class)
@Target({ FIELD, METHOD, PARAMETER, TYPE_USE })
@Retention(RUNTIME)
public @interface NoProxyEntry {
    String message() default "must be a host name, a domain, an IP address or a CIDR block";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<NoProxyEntry, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            Optional<String> problem = AgentNetwork.noProxyProblem(value);
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
