package io.mooring.support.api.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.junit.jupiter.api.Test;

class DecimalStepTest {

    private final SharedOpenApi filter = new SharedOpenApi(null);

    @Test
    void aDecimalStepIsStatedInWordsBecauseValidatorsCannotCheckItInFloatingPoint() {
        Schema rate = OASFactory.createSchema().addType(Schema.SchemaType.NUMBER).multipleOf(new BigDecimal("1E-9"))
                .description("Per hour.");

        filter.filterSchema(rate);

        assertThat(rate.getMultipleOf()).isNull();
        assertThat(rate.getDescription()).isEqualTo("Per hour. At most 9 decimal places.");
    }

    @Test
    void aWholeStepStaysAsItIs() {
        Schema count = OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).multipleOf(new BigDecimal("5"));

        filter.filterSchema(count);

        assertThat(count.getMultipleOf()).isEqualByComparingTo("5");
        assertThat(count.getDescription()).isNull();
    }
}
