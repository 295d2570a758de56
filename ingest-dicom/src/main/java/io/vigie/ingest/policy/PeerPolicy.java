package io.vigie.ingest.policy;

import java.net.InetAddress;
import java.util.List;
import javax.security.auth.x500.X500Principal;

/**
 * Decides, from the A-ASSOCIATE-RQ alone, whether an association is accepted and for which site. The same AE title
 * may be listed more than once (two hospitals each with a "PACS"), told apart by their hosts.
 */
public final class PeerPolicy {

    /** Why an association is rejected: the A-ASSOCIATE-RJ reasons of the DICOM UL service-user (PS3.8 9.3.4). */
    public enum Rejection {
        CALLING_AE_NOT_RECOGNIZED(3),
        CALLED_AE_NOT_RECOGNIZED(7);

        private final int reason;

        Rejection(int reason) {
            this.reason = reason;
        }

        public int reason() {
            return reason;
        }
    }

    /** Accepted for {@code site}, or rejected for {@code rejection} (with {@code why}, for the log). */
    public record Decision(String site, Rejection rejection, String why) {
        static Decision accept(String site) {
            return new Decision(site, null, null);
        }

        static Decision reject(Rejection rejection, String why) {
            return new Decision(null, rejection, why);
        }

        public boolean accepted() {
            return rejection == null;
        }
    }

    private final String ourAeTitle;
    private final List<Peer> peers;
    private final boolean acceptUnknownPeers;
    private final String defaultSite;

    /**
     * @param acceptUnknownPeers accept calling AE titles that are not listed, as {@code defaultSite} (development);
     *                           a listed AE title connecting from another host is rejected either way
     */
    public PeerPolicy(String ourAeTitle, List<Peer> peers, boolean acceptUnknownPeers, String defaultSite) {
        this.ourAeTitle = ourAeTitle;
        this.peers = List.copyOf(peers);
        this.acceptUnknownPeers = acceptUnknownPeers;
        this.defaultSite = defaultSite;
    }

    /**
     * @param clientSubject the subject of the client certificate the TLS handshake verified; null on the plain port
     *                      or when the client presented none
     */
    public Decision decide(String calledAeTitle, String callingAeTitle, InetAddress from, X500Principal clientSubject) {
        if (!ourAeTitle.equals(calledAeTitle)) {
            return Decision.reject(Rejection.CALLED_AE_NOT_RECOGNIZED,
                    "called AE title " + calledAeTitle + " is not ours (" + ourAeTitle + ")");
        }
        List<Peer> named = peers.stream().filter(p -> p.aeTitle().equals(callingAeTitle)).toList();
        if (named.isEmpty()) {
            return acceptUnknownPeers ? Decision.accept(defaultSite)
                    : Decision.reject(Rejection.CALLING_AE_NOT_RECOGNIZED,
                            "calling AE title " + callingAeTitle + " is not a configured peer");
        }
        List<Peer> fromHost = named.stream().filter(p -> p.allows(from)).toList();
        if (fromHost.isEmpty()) {
            return Decision.reject(Rejection.CALLING_AE_NOT_RECOGNIZED, "calling AE title " + callingAeTitle
                    + " is not allowed from host " + from.getHostAddress());
        }
        return fromHost.stream().filter(p -> p.accepts(clientSubject)).findFirst()
                .map(p -> Decision.accept(p.site()))
                .orElse(Decision.reject(Rejection.CALLING_AE_NOT_RECOGNIZED, "calling AE title " + callingAeTitle
                        + " must present its own client certificate on the TLS port; it presented "
                        + (clientSubject == null ? "none" : clientSubject.getName())));
    }

    /** The sites named by peers, which the store pipeline must be able to de-identify for. */
    public List<String> sites() {
        return peers.stream().map(Peer::site).distinct().toList();
    }
}
