package io.mooring.events;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** An enum whose constants travel as documented strings ({@code read-only}, {@code eks-anywhere}, ...). */
public interface WireValue {

    /** The value on the wire, in the database and in events. */
    String wire();

    /** The constant whose wire value is {@code value}, exactly (case matters, as in the documentation). */
    static <E extends Enum<E> & WireValue> Optional<E> parse(Class<E> type, String value) {
        if (value == null) {
            return Optional.empty();
        }
        return Arrays.stream(type.getEnumConstants()).filter(e -> e.wire().equals(value)).findFirst();
    }

    /** The wire values of {@code type}, for "must be one of" messages. */
    static <E extends Enum<E> & WireValue> String allowed(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(WireValue::wire).collect(Collectors.joining(", ", "[", "]"));
    }
}
