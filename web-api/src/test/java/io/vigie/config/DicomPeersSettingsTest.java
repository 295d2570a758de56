package io.vigie.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigie.ingest.policy.Peer;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** {@code vigie.dicom.peers} as application.yml spells it, bound the way Spring Boot binds it, to the gateway's peers. */
class DicomPeersSettingsTest {

    @Test
    void bindsPeersWithTheirHostsSitesAndCertificateSubjects() throws Exception {
        List<Peer> peers = DicomPeers.peers(bind(Map.of(
                "vigie.dicom.peers[0].ae-title", "PACS_NORD",
                "vigie.dicom.peers[0].allowed-hosts[0]", "10.1.2.3",
                "vigie.dicom.peers[0].allowed-hosts[1]", "10.1.8.0/24",
                "vigie.dicom.peers[0].site", "nord",
                "vigie.dicom.peers[1].ae-title", "PACS_EST",
                "vigie.dicom.peers[1].allowed-hosts[0]", "10.3.0.0/16",
                "vigie.dicom.peers[1].site", "est",
                "vigie.dicom.peers[1].certificate-subject", "CN=pacs.est.example, O=CHU Est")).dicom());

        assertThat(peers).hasSize(2);
        Peer nord = peers.get(0);
        assertThat(nord.site()).isEqualTo("nord");
        assertThat(nord.allows(InetAddress.getByName("10.1.8.77"))).isTrue();
        assertThat(nord.allows(InetAddress.getByName("10.1.9.1"))).isFalse();
        assertThat(nord.certificateSubject()).isNull();
        // Distinguished names compare by their parts, not their spelling.
        assertThat(peers.get(1).accepts(new X500Principal("CN=pacs.est.example,O=CHU Est"))).isTrue();
        assertThat(peers.get(1).accepts(new X500Principal("CN=pacs.nord.example,O=CHU Nord"))).isFalse();
        assertThat(peers.get(1).accepts(null)).isFalse();
    }

    @Test
    void aCertificateSubjectThatIsNotADistinguishedNameIsRefusedAtStart() {
        assertThatThrownBy(() -> DicomPeers.peers(bind(Map.of(
                "vigie.dicom.peers[0].ae-title", "PACS_EST",
                "vigie.dicom.peers[0].allowed-hosts[0]", "10.3.0.0/16",
                "vigie.dicom.peers[0].site", "est",
                "vigie.dicom.peers[0].certificate-subject", "pacs.est.example")).dicom()))
                .hasMessageContaining("PACS_EST").hasMessageContaining("distinguished name");
    }

    private static VigieProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("vigie", VigieProperties.class);
    }
}
