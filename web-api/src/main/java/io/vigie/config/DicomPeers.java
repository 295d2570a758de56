package io.vigie.config;

import io.vigie.ingest.DicomTls;
import io.vigie.ingest.policy.AddressRange;
import io.vigie.ingest.policy.Peer;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Turns the bound {@code vigie.dicom.peers} and {@code vigie.dicom.tls} into the gateway's settings. */
final class DicomPeers {

    private DicomPeers() {
    }

    static List<Peer> peers(VigieProperties.Dicom dicom) {
        return dicom.peers().stream()
                .map(p -> Peer.of(p.aeTitle(), p.allowedHosts().stream().map(AddressRange::parse).toList(), site(p),
                        p.certificateSubject()))
                .toList();
    }

    static String site(VigieProperties.Peer peer) {
        if (peer.site() == null || peer.site().isBlank()) {
            throw new IllegalArgumentException("vigie.dicom.peers: " + peer.aeTitle() + " needs a site");
        }
        return peer.site().strip();
    }

    /** The TLS port's settings, or null when it is off. */
    static DicomTls tls(VigieProperties.Tls tls) {
        if (!tls.enabled()) {
            return null;
        }
        if (tls.keyStore().isBlank()) {
            throw new IllegalArgumentException("vigie.dicom.tls.enabled: set vigie.dicom.tls.key-store");
        }
        DicomTls.ClientAuth clientAuth = DicomTls.ClientAuth.valueOf(tls.clientAuth().strip().toUpperCase(Locale.ROOT));
        return new DicomTls(tls.port(), Path.of(tls.keyStore().strip()), tls.keyStorePassword().toCharArray(),
                tls.trustStore().isBlank() ? null : Path.of(tls.trustStore().strip()),
                tls.trustStorePassword().toCharArray(), clientAuth);
    }
}
