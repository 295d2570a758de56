package io.vigie.ingest.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigie.ingest.policy.PeerPolicy.Rejection;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class PeerPolicyTest {

    private static final PeerPolicy POLICY = new PeerPolicy("VIGIE", List.of(
            new Peer("PACS", List.of(AddressRange.parse("10.1.0.0/16")), "nord", null),
            new Peer("PACS", List.of(AddressRange.parse("10.2.3.4")), "sud", null)), false, "local");

    @Test
    void matchesCidrBlocksAndSingleAddresses() throws Exception {
        assertThat(AddressRange.parse("10.1.0.0/16").contains(InetAddress.getByName("10.1.255.7"))).isTrue();
        assertThat(AddressRange.parse("10.1.0.0/16").contains(InetAddress.getByName("10.2.0.1"))).isFalse();
        assertThat(AddressRange.parse("192.168.4.0/22").contains(InetAddress.getByName("192.168.7.1"))).isTrue();
        assertThat(AddressRange.parse("192.168.4.0/22").contains(InetAddress.getByName("192.168.8.1"))).isFalse();
        assertThat(AddressRange.parse("127.0.0.1").contains(InetAddress.getByName("::1"))).isFalse();
        assertThat(AddressRange.parse("::1").contains(InetAddress.getByName("::1"))).isTrue();
        assertThatThrownBy(() -> AddressRange.parse("pacs.example.org")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AddressRange.parse("10.0.0.0/33")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tellsTwoHospitalsPeersWithTheSameAeTitleApartByHost() throws Exception {
        assertThat(POLICY.decide("VIGIE", "PACS", InetAddress.getByName("10.1.9.9"), null).site()).isEqualTo("nord");
        assertThat(POLICY.decide("VIGIE", "PACS", InetAddress.getByName("10.2.3.4"), null).site()).isEqualTo("sud");
        assertThat(POLICY.decide("VIGIE", "PACS", InetAddress.getByName("10.2.3.5"), null).rejection())
                .isEqualTo(Rejection.CALLING_AE_NOT_RECOGNIZED);
        assertThat(POLICY.decide("VIGIE", "OTHER", InetAddress.getByName("10.1.9.9"), null).rejection())
                .isEqualTo(Rejection.CALLING_AE_NOT_RECOGNIZED);
        assertThat(POLICY.decide("NOT-VIGIE", "PACS", InetAddress.getByName("10.1.9.9"), null).rejection())
                .isEqualTo(Rejection.CALLED_AE_NOT_RECOGNIZED);
    }

    @Test
    void acceptsUnknownPeersAsTheDefaultSiteOnlyWhenAskedTo() throws Exception {
        PeerPolicy open = new PeerPolicy("VIGIE", List.of(
                new Peer("PACS", List.of(AddressRange.parse("10.1.0.0/16")), "nord", null)), true, "local");
        assertThat(open.decide("VIGIE", "ANYONE", InetAddress.getByName("10.9.9.9"), null).site()).isEqualTo("local");
        // A listed AE title from elsewhere is someone else using its name: rejected even here.
        assertThat(open.decide("VIGIE", "PACS", InetAddress.getByName("10.9.9.9"), null).accepted()).isFalse();
    }
}
