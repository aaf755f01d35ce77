package io.mooring.cost.domain;

import static io.mooring.cost.domain.Fixtures.LONG_AGO;
import static io.mooring.cost.domain.Fixtures.dec;
import static io.mooring.cost.domain.Fixtures.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mooring.events.CloudType;
import io.mooring.events.inventory.Node;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RateResolverTest {

    @Test
    void eachRateComesFromTheMostSpecificLevelThatSetsIt() {
        // Installation: CPU 0.025, memory 0.00625, GPU 0.80, storage 0.10.
        // Project sets CPU 0.03 and storage 0.20; the cluster sets CPU 0.05.
        ClusterRates rates = Fixtures.resolver().resolve(CloudType.EKS,
                RateOverride.of(dec("0.03"), null, null, dec("0.20")),
                RateOverride.of(dec("0.05"), null, null, null));

        assertThat(rates.cpuCoreHour()).isEqualTo(new Rate(dec("0.05"), RateSource.CLUSTER_OVERRIDE));
        assertThat(rates.storageGibMonth()).isEqualTo(new Rate(dec("0.20"), RateSource.PROJECT_OVERRIDE));
        assertThat(rates.memoryGibHour()).isEqualTo(new Rate(dec("0.00625"), RateSource.INSTALLATION_DEFAULT));
        assertThat(rates.gpuHour()).isEqualTo(new Rate(dec("0.80"), RateSource.INSTALLATION_DEFAULT));
        assertThat(rates.currency()).isEqualTo("USD");
        // 0.20 / 730 per GiB-hour, kept unrounded until a line's amount is computed.
        assertThat(Money.round(rates.storageGibHour().multiply(Money.HOURS_PER_MONTH))).isEqualByComparingTo("0.20");
    }

    @Test
    void instancePriceComesFromTheCardOrAnOverrideAndSaysWhich() {
        // The card has m5.large at 0.096; the project says 0.09, the cluster 0.08; x4.test only the project.
        RateResolver resolver = Fixtures.resolver();
        Node m5 = node("n1", "m5.large", 2000, 8, 0, LONG_AGO);
        Node x4 = node("n2", "x4.test", 4000, 16, 0, LONG_AGO);

        ClusterRates plain = resolver.resolve(CloudType.AWS, null, null);
        assertThat(plain.nodeRate(m5).instancePrice()).isEqualTo(new Rate(dec("0.096"), RateSource.RATE_CARD));

        ClusterRates overridden = resolver.resolve(CloudType.AWS,
                new RateOverride(null, null, null, null, Map.of("m5.large", dec("0.09"), "X4.TEST", dec("0.5"))),
                new RateOverride(null, null, null, null, Map.of("m5.large", dec("0.08"))));
        assertThat(overridden.nodeRate(m5).instancePrice()).isEqualTo(new Rate(dec("0.08"), RateSource.CLUSTER_OVERRIDE));
        assertThat(overridden.nodeRate(m5).hourly()).isEqualByComparingTo("0.08");
        assertThat(overridden.nodeRate(x4).instancePrice()).isEqualTo(new Rate(dec("0.5"), RateSource.PROJECT_OVERRIDE));
    }

    @Test
    void cloudTypesUseTheirProvidersCardAndOthersUnitRatesOnly() {
        RateResolver resolver = RateResolver.builtIn();
        Node aws = node("a", "m5.large", "us-east-1", 2000, 8);
        Node azure = node("b", "Standard_D2s_v5", "eastus", 2000, 8);
        Node gcp = node("c", "n2-standard-2", "us-central1", 2000, 8);

        for (CloudType type : new CloudType[] {CloudType.AWS, CloudType.EKS}) {
            assertThat(resolver.resolve(type, null, null).nodeRate(aws).basis()).isEqualTo(PricingBasis.INSTANCE_PRICE);
            assertThat(resolver.resolve(type, null, null).nodeRate(azure).basis()).isEqualTo(PricingBasis.UNIT_RATES);
        }
        for (CloudType type : new CloudType[] {CloudType.AZURE, CloudType.AKS}) {
            assertThat(resolver.resolve(type, null, null).nodeRate(azure).instancePrice().value())
                    .isEqualByComparingTo("0.096");
        }
        for (CloudType type : new CloudType[] {CloudType.GCP, CloudType.GKE}) {
            assertThat(resolver.resolve(type, null, null).nodeRate(gcp).instancePrice().value())
                    .isEqualByComparingTo("0.097118");
        }
        for (CloudType type : new CloudType[] {CloudType.GENERIC, CloudType.VSPHERE, CloudType.OPENSHIFT,
                CloudType.EKS_ANYWHERE}) {
            NodeRate rate = resolver.resolve(type, null, null).nodeRate(aws);
            assertThat(rate.basis()).isEqualTo(PricingBasis.UNIT_RATES);
            assertThat(rate.instancePrice()).isNull();
            assertThat(rate.reason()).isEqualTo(type.wire() + " clusters are priced by unit rates");
        }
    }

    @Test
    void nodeWithoutInstanceTypeOrRegionIsPricedByUnitRatesWithTheReason() {
        ClusterRates rates = Fixtures.rates(CloudType.AWS);

        assertThat(rates.nodeRate(node("n", null, "us-east-1", 2000, 8)).reason())
                .isEqualTo("the node reports no instance type");
        assertThat(rates.nodeRate(node("n", "m5.large", null, 2000, 8)).reason())
                .isEqualTo("the node reports no region");
    }

    @Test
    void cardInAnotherCurrencyIsNotUsed() {
        // An installation in EUR cannot use USD list prices without a conversion rate: unit rates apply.
        RateResolver resolver = new RateResolver(Fixtures.card(), new InstallationRates("EUR", Fixtures.UNIT_RATES));

        ClusterRates rates = resolver.resolve(CloudType.AWS, null, null);
        NodeRate rate = rates.nodeRate(node("n1", "m5.large", 2000, 8, 0, LONG_AGO));

        assertThat(rates.currency()).isEqualTo("EUR");
        assertThat(rates.card()).isEmpty();
        assertThat(rate.basis()).isEqualTo(PricingBasis.UNIT_RATES);
        assertThat(rate.reason()).contains("USD").contains("EUR");
        assertThat(rate.hourly()).isEqualByComparingTo("0.10"); // 2 × 0.025 + 8 × 0.00625
    }

    @Test
    void cloudTypesParseFromTheirApiIdentifiers() {
        assertThat(CloudType.of("eks-anywhere")).isEqualTo(CloudType.EKS_ANYWHERE);
        assertThat(CloudType.of("AKS")).isEqualTo(CloudType.AKS);
        assertThatThrownBy(() -> CloudType.of("oracle"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("generic, aws, eks");
    }

    @Test
    void negativeOverrideIsRefusedWhereItIsSet() {
        assertThatThrownBy(() -> RateOverride.of(dec("-1"), null, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cpuCoreHour");
    }
}
