package io.vigie.archive;

/** An indexed instance and where its file lies in the file store. */
public record StoredInstance(
        String studyInstanceUid,
        String seriesInstanceUid,
        String sopInstanceUid,
        String sopClassUid,
        String transferSyntaxUid,
        String storageKey,
        long sizeBytes,
        String sha256) {
}
