package io.mooring.cost.domain;

import static io.mooring.cost.domain.Fixtures.dec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RateCardLoaderTest {

    private static final String MINIMAL = """
            { "source": "test", "asOf": "2026-03-01", "currency": "usd",
              "unitRates": { "cpuCoreHour": 0.03, "memoryGibHour": 0.004, "gpuHour": 0.9, "storageGibMonth": 0.1 },
              "providers": { "aws": { "types": { "m5.large": { "vcpus": 2, "memoryGib": 8 } },
                                      "regions": { "us-east-1": { "m5.large": 0.096 } } } } }""";

    @Test
    void builtInCardNamesItsSourceDateAndCurrency() {
        RateCard card = RateCardLoader.builtIn();

        assertThat(card.source()).contains("aws.amazon.com").contains("azure.microsoft.com").contains("cloud.google.com");
        assertThat(card.asOf()).isNotNull();
        assertThat(card.currency()).isEqualTo("USD");
        assertThat(card.unitRates().storageGibMonth()).isEqualByComparingTo("0.04");
    }

    @Test
    void builtInCardCoversEachProviderInSeveralRegions() {
        RateCard card = RateCardLoader.builtIn();

        assertThat(card.prices().stream().map(p -> p.provider() + "/" + p.region()).collect(Collectors.toSet()))
                .contains("AWS/us-east-1", "AWS/eu-west-1", "AZURE/eastus", "AZURE/westeurope",
                        "GCP/us-central1", "GCP/europe-west1");
        assertThat(card.find(Provider.AWS, "us-east-1", "m5.large")).get()
                .satisfies(p -> {
                    assertThat(p.hourly()).isEqualByComparingTo("0.096");
                    assertThat(p.vcpus()).isEqualTo(2);
                    assertThat(p.memoryGib()).isEqualByComparingTo("8");
                });
        assertThat(card.find(Provider.AWS, "us-east-1", "g4dn.xlarge")).get()
                .satisfies(p -> assertThat(p.gpus()).isEqualTo(1));
        assertThat(card.find(Provider.AZURE, "eastus", "Standard_NC4as_T4_v3")).get()
                .satisfies(p -> assertThat(p.gpus()).isEqualTo(1));
        assertThat(card.find(Provider.GCP, "us-central1", "e2-standard-4")).get()
                .satisfies(p -> assertThat(p.hourly()).isEqualByComparingTo("0.134012"));
    }

    @Test
    void builtInPricesAreReadExactlyWithoutPassingThroughDouble() {
        InstancePrice price = RateCardLoader.builtIn().find(Provider.GCP, "us-central1", "n2-standard-2").orElseThrow();

        assertThat(price.hourly()).isEqualTo(new BigDecimal("0.097118"));
    }

    @Test
    void builtInUnitRatesReproduceTheN2ListPrice() {
        // The notes claim the default CPU and memory rates are GCP's N2 rates: 2 × 0.031611 + 8 × 0.004237.
        RateCard card = RateCardLoader.builtIn();
        BigDecimal byUnitRates = card.unitRates().cpuCoreHour().multiply(BigDecimal.valueOf(2))
                .add(card.unitRates().memoryGibHour().multiply(BigDecimal.valueOf(8)));

        assertThat(byUnitRates).isEqualByComparingTo(
                card.find(Provider.GCP, "us-central1", "n2-standard-2").orElseThrow().hourly());
    }

    @Test
    void lookupIgnoresCaseOfTypeAndRegion() {
        RateCard card = RateCardLoader.builtIn();

        assertThat(card.find(Provider.AZURE, "EastUS", "standard_d2s_v3")).get()
                .satisfies(p -> assertThat(p.hourly()).isEqualByComparingTo("0.096"));
        assertThat(card.find(Provider.AZURE, "eastus", null)).isEmpty();
    }

    @Test
    void cardIsReadFromJson() {
        RateCard card = RateCardLoader.read(MINIMAL);

        assertThat(card.currency()).isEqualTo("USD");
        assertThat(card.unitRates()).isEqualTo(new UnitRates(dec("0.03"), dec("0.004"), dec("0.9"), dec("0.1")));
        assertThat(card.prices()).singleElement()
                .isEqualTo(new InstancePrice(Provider.AWS, "us-east-1", "m5.large", 2, dec("8"), 0, dec("0.096")));
    }

    @Test
    void priceWithoutSizeIsRefused() {
        assertThatThrownBy(() -> RateCardLoader.read(MINIMAL.replace("\"us-east-1\": { \"m5.large\": 0.096 }",
                "\"us-east-1\": { \"m5.large\": 0.096, \"m5.huge\": 9 }")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("providers.aws.regions.us-east-1.m5.huge");
    }

    @Test
    void negativePriceIsRefused() {
        assertThatThrownBy(() -> RateCardLoader.read(MINIMAL.replace("0.096", "-0.096")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not be negative");
    }

    @Test
    void cardWithoutDateOrWithUnknownProviderOrBrokenJsonIsRefused() {
        assertThatThrownBy(() -> RateCardLoader.read(MINIMAL.replace("\"asOf\": \"2026-03-01\",", "")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("asOf");
        assertThatThrownBy(() -> RateCardLoader.read(MINIMAL.replace("\"aws\"", "\"oracle\"")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("oracle");
        assertThatThrownBy(() -> RateCardLoader.read("{ \"source\": "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> RateCardLoader.read(MINIMAL.replace("\"cpuCoreHour\": 0.03,", "")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unitRates.cpuCoreHour");
    }

    @Test
    void everyBuiltInRegionPricesOnlyTypesOfItsProvider() {
        RateCard card = RateCardLoader.builtIn();
        Set<String> awsTypes = card.prices().stream().filter(p -> p.provider() == Provider.AWS)
                .map(InstancePrice::instanceType).collect(Collectors.toSet());

        assertThat(awsTypes).contains("t3.medium", "m5.xlarge", "m6i.large", "c5.2xlarge", "r5.large", "g4dn.xlarge")
                .noneMatch(type -> type.startsWith("Standard_") || type.startsWith("e2-"));
        assertThat(card.prices()).allSatisfy(p -> assertThat(p.hourly()).isPositive());
    }
}
