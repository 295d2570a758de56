package io.vigie.ingest.policy;

import java.net.InetAddress;
import java.util.List;
import javax.security.auth.x500.X500Principal;

/**
 * A known sending (or querying) DICOM node: its AE title, the addresses it may connect from, the site (hospital)
 * whose pseudonym secret de-identifies what it sends, and optionally the subject of the client certificate it must
 * present on the TLS port. A trusted CA signs many certificates; the subject binds this AE title to one of them, so
 * that another hospital's valid certificate cannot speak as this peer.
 *
 * @param certificateSubject the X.500 subject its TLS client certificate must have (e.g. {@code CN=pacs.chu-a.fr,
 *                           O=CHU A}), compared as distinguished names; null when any trusted client (or plain
 *                           DICOM) will do
 */
public record Peer(String aeTitle, List<AddressRange> allowedHosts, String site, X500Principal certificateSubject) {

    /** @param certificateSubject a distinguished name, or null or blank for none */
    public static Peer of(String aeTitle, List<AddressRange> allowedHosts, String site, String certificateSubject) {
        X500Principal subject;
        try {
            subject = certificateSubject == null || certificateSubject.isBlank() ? null
                    : new X500Principal(certificateSubject.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("peer " + aeTitle + ": certificate subject is not a distinguished name: "
                    + certificateSubject, e);
        }
        return new Peer(aeTitle, allowedHosts, site, subject);
    }

    public Peer {
        if (aeTitle == null || aeTitle.isBlank() || aeTitle.strip().length() > 16) {
            throw new IllegalArgumentException("peer AE title must be 1 to 16 characters: " + aeTitle);
        }
        aeTitle = aeTitle.strip();
        if (allowedHosts == null || allowedHosts.isEmpty()) {
            throw new IllegalArgumentException("peer " + aeTitle + " needs at least one allowed host");
        }
        allowedHosts = List.copyOf(allowedHosts);
        if (site == null || site.isBlank()) {
            throw new IllegalArgumentException("peer " + aeTitle + " needs a site");
        }
        site = site.strip();
    }

    public boolean allows(InetAddress address) {
        return allowedHosts.stream().anyMatch(range -> range.contains(address));
    }

    /** Whether a connection whose verified client certificate has this subject (null: none) may be this peer. */
    public boolean accepts(X500Principal clientSubject) {
        return certificateSubject == null || certificateSubject.equals(clientSubject);
    }
}
