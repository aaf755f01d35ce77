package io.mooring.events;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a text field of an event payload whose values come from a {@link WireValue} vocabulary. The field stays
 * text, so a consumer older than a new value still reads the event (a tolerant reader); the event's JSON Schema
 * lists the values, so integrators see the vocabulary instead of free text.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD })
public @interface OneOf {

    Class<? extends Enum<? extends WireValue>> value();
}
