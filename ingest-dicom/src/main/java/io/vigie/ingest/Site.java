package io.vigie.ingest;

import io.vigie.anonymizer.Deidentifier;

/**
 * One hospital feeding the gateway: the de-identifier keyed with its own pseudonym secret, and the vault recorder
 * filing originals under its id. Two sites never share pseudonyms, so the same patient sent by both is two subjects
 * unless the sites share a secret.
 */
public record Site(Deidentifier deidentifier, VaultRecorder vault) {

    public String id() {
        return vault.siteId();
    }
}
