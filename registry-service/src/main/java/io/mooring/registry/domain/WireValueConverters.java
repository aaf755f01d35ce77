package io.mooring.registry.domain;

import io.mooring.events.CloudType;
import io.mooring.events.WireValue;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** The enums are stored as their wire values, so the database reads like the API. */
public final class WireValueConverters {

    private WireValueConverters() {
    }

    abstract static class Base<E extends Enum<E> & WireValue> implements AttributeConverter<E, String> {
        private final Class<E> type;

        Base(Class<E> type) {
            this.type = type;
        }

        @Override
        public String convertToDatabaseColumn(E value) {
            return value == null ? null : value.wire();
        }

        @Override
        public E convertToEntityAttribute(String value) {
            return value == null ? null : WireValue.parse(type, value)
                    .orElseThrow(() -> new IllegalStateException("Unknown " + type.getSimpleName() + " " + value));
        }
    }

    @Converter(autoApply = true)
    public static class CloudTypeConverter extends Base<CloudType> {
        public CloudTypeConverter() {
            super(CloudType.class);
        }
    }

    @Converter(autoApply = true)
    public static class ImportModeConverter extends Base<ImportMode> {
        public ImportModeConverter() {
            super(ImportMode.class);
        }
    }

    @Converter(autoApply = true)
    public static class ClusterStatusConverter extends Base<ClusterStatus> {
        public ClusterStatusConverter() {
            super(ClusterStatus.class);
        }
    }
}
