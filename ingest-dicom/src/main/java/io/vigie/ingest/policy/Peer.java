package io.vigie.ingest.policy;

import java.net.InetAddress;
import java.util.List;

/**
 * A known sending (or querying) DICOM node: its AE title, the addresses it may connect from, and the site (hospital)
 * whose pseudonym secret de-identifies what it sends.
 */
public record Peer(String aeTitle, List<AddressRange> allowedHosts, String site) {

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
}
