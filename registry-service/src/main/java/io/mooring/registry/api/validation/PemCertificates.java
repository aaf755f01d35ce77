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

/** One or more X.509 certificates in PEM, and nothing secret. The message says what is wrong ({@link AgentNetwork#caBundleProblem}). */
@Documented
@Constraint(validatedBy = PemCertificates.Validator.class)
@Target({ FIELD, METHOD, PARAMETER, TYPE_USE })
@Retention(RUNTIME)
public @interface PemCertificates {
    String message() default "must hold one or more PEM certificates";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<PemCertificates, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            Optional<String> problem = AgentNetwork.caBundleProblem(value);
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
