package io.vigie.ingest.query;

/**
 * A DICOM node that C-MOVE may send to, known by its AE title: a move destination is never taken from the request,
 * so instances only ever go to nodes the site configured.
 */
public record MoveDestination(String aeTitle, String host, int port) {

    public MoveDestination {
        if (aeTitle == null || aeTitle.isBlank() || aeTitle.strip().length() > 16) {
            throw new IllegalArgumentException("a move destination needs an AE title of 1 to 16 characters: "
                    + aeTitle);
        }
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("move destination " + aeTitle + " has no host");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("move destination " + aeTitle + " has no valid port: " + port);
        }
        aeTitle = aeTitle.strip();
        host = host.strip();
    }
}
