package io.mooring.registry.api.validation;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import io.mooring.events.KubernetesNames;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/** A Kubernetes label value (may be empty; null is refused: a label has a value). */
@Documented
@Constraint(validatedBy = LabelValue.Validator.class)
@Target({ FIELD, METHOD, PARAMETER, TYPE_USE })
@Retention(RUNTIME)
public @interface LabelValue {
    String message() default KubernetesNames.LABEL_VALUE_RULE;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<LabelValue, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return KubernetesNames.isLabelValue(value);
        }
    }
}
