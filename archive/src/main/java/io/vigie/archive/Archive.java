package io.vigie.archive;

import io.vigie.archive.ArchiveException.Reason;
import io.vigie.archive.index.ArchiveIndex;
import io.vigie.archive.storage.ContentDigest;
import io.vigie.archive.storage.FileStore;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * The archive: the one write path for instances (file first, durably, then its index row) and the read side that
 * DICOMweb uses. An instance is acknowledged only once both are durable; a re-sent instance changes nothing.
 */
public final class Archive {

    private static final Logger log = LoggerFactory.getLogger(Archive.class);

    private final FileStore files;
    private final ArchiveIndex index;

    public Archive(FileStore files, ArchiveIndex index) {
        this.files = files;
        this.index = index;
    }

    /**
     * Stores one de-identified Part 10 instance.
     *
     * @throws ArchiveException when the file store or the index fails; nothing new is then left behind
     */
    public StoreOutcome store(InstanceAttributes attributes, byte[] part10) {
        String sha256 = sha256(part10);
        Optional<StoredInstance> existing = indexed(attributes.sopInstanceUid());
        if (existing.isPresent()) {
            return outcomeForExisting(existing.get(), sha256);
        }
        String key = storageKey(attributes);
        boolean created = writeFile(key, part10, sha256);
        boolean inserted;
        try {
            inserted = index.insert(attributes, key, part10.length, sha256);
        } catch (TransactionSystemException commitOutcomeUnknown) {
            // The connection failed during the commit: the row may have been committed, so its file must stay. At
            // worst a file without a row remains, never acknowledged, and the sender's re-send indexes it.
            throw indexFailure(attributes.sopInstanceUid(), commitOutcomeUnknown);
        } catch (DataAccessException | TransactionException notCommitted) {
            // Nothing was committed (no connection for the transaction, or a statement failed): remove the file.
            if (created) {
                deleteQuietly(key);
            }
            throw indexFailure(attributes.sopInstanceUid(), notCommitted);
        }
        if (inserted) {
            return StoreOutcome.STORED;
        }
        // Another association indexed the same SOP Instance UID between our look-up and our insert.
        return outcomeForExisting(indexed(attributes.sopInstanceUid()).orElseThrow(), sha256);
    }

    public List<StudySummary> findStudies(StudyQuery query) {
        return index.findStudies(query);
    }

    public List<StoredInstance> findInstances(String studyUid, String seriesUid, String sopInstanceUid) {
        return index.findInstances(studyUid, seriesUid, sopInstanceUid);
    }

    public InputStream open(StoredInstance instance) throws IOException {
        return files.open(instance.storageKey());
    }

    /** Files are laid out by UID: {@code <study>/<series>/<sop>.dcm}. */
    static String storageKey(InstanceAttributes a) {
        return a.studyInstanceUid() + "/" + a.seriesInstanceUid() + "/" + a.sopInstanceUid() + ".dcm";
    }

    /**
     * Writes the file unless it exists. A file without an index row is left by a crash between the two steps; if its
     * content is ours we keep it, otherwise it was never acknowledged and is replaced.
     *
     * @return true if this call created the file
     */
    private boolean writeFile(String key, byte[] part10, String sha256) {
        try {
            if (files.createIfAbsent(key, part10)) {
                return true;
            }
            String onDisk;
            try (InputStream in = files.open(key)) {
                onDisk = sha256(in.readAllBytes());
            }
            if (onDisk.equals(sha256)) {
                return false;
            }
            log.warn("replacing unindexed file {} left by an interrupted write", key);
            files.delete(key);
            return files.createIfAbsent(key, part10);
        } catch (IOException e) {
            throw new ArchiveException(Reason.STORAGE, "cannot write " + key + ": " + e.getMessage(), e);
        }
    }

    private Optional<StoredInstance> indexed(String sopInstanceUid) {
        try {
            return index.findInstance(sopInstanceUid);
        } catch (DataAccessException e) {
            throw indexFailure(sopInstanceUid, e);
        }
    }

    private static ArchiveException indexFailure(String sopInstanceUid, RuntimeException e) {
        return new ArchiveException(Reason.INDEX, "index unavailable while storing " + sopInstanceUid, e);
    }

    private static StoreOutcome outcomeForExisting(StoredInstance stored, String sha256) {
        if (stored.sha256().equals(sha256)) {
            return StoreOutcome.ALREADY_STORED;
        }
        log.warn("SOP Instance {} received again with different content; the stored one is kept",
                stored.sopInstanceUid());
        return StoreOutcome.CONFLICT_KEPT_FIRST;
    }

    private void deleteQuietly(String key) {
        try {
            files.delete(key);
        } catch (IOException e) {
            log.warn("could not remove {} after a failed index write; it will be replaced on the next send", key, e);
        }
    }

    static String sha256(byte[] content) {
        return ContentDigest.sha256(content);
    }
}
