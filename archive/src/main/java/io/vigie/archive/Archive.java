package io.vigie.archive;

import io.vigie.archive.ArchiveException.Reason;
import io.vigie.archive.duplicates.DuplicateConflict;
import io.vigie.archive.duplicates.DuplicateConflicts;
import io.vigie.archive.index.ArchiveIndex;
import io.vigie.archive.query.IndexQuery;
import io.vigie.archive.query.IndexRecord;
import io.vigie.archive.query.IndexedAttribute;
import io.vigie.archive.storage.ContentDigest;
import io.vigie.archive.storage.FileStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * The archive: the one write path for instances (file first, durably, then its index row) and the read side that
 * DICOMweb and the gateway's query/retrieve use. An instance is acknowledged only once both are durable; a re-sent
 * instance changes nothing, and one re-sent with other content is answered by the {@link DuplicatePolicy} and
 * recorded in {@link DuplicateConflicts}.
 */
public final class Archive {

    private static final Logger log = LoggerFactory.getLogger(Archive.class);

    private final FileStore files;
    private final ArchiveIndex index;
    private final DuplicateConflicts conflicts;
    private final DuplicatePolicy duplicatePolicy;

    public Archive(FileStore files, ArchiveIndex index, DuplicateConflicts conflicts, DuplicatePolicy duplicatePolicy) {
        this.files = files;
        this.index = index;
        this.conflicts = conflicts;
        this.duplicatePolicy = duplicatePolicy;
    }

    /**
     * Stores one de-identified Part 10 instance; a new study gets the default site (instances Vigie makes itself,
     * SR and SEG, go into studies that exist and keep theirs).
     *
     * @param callingAeTitle who sent it, recorded if it conflicts with a stored instance (may be null)
     * @throws ArchiveException when the file store or the index fails; nothing new is then left behind
     */
    public StoreOutcome store(InstanceAttributes attributes, byte[] part10, String callingAeTitle) {
        return store(attributes, part10, callingAeTitle, null);
    }

    /**
     * As {@link #store(InstanceAttributes, byte[], String)}, for a study of {@code site} (the site of the peer that
     * sent it): who may see the study follows from it. A study keeps the site it was first indexed with.
     *
     * @param site null for the default site
     */
    public StoreOutcome store(InstanceAttributes attributes, byte[] part10, String callingAeTitle, String site) {
        String sha256 = sha256(part10);
        Received received = new Received(sha256, part10.length, callingAeTitle);
        String key = storageKey(attributes, sha256);
        // No index look-up first: a new instance, the usual case, then costs one round trip to the database (its
        // insert). An instance sent again finds its file under its name, and only then is the index asked.
        boolean created = createFile(key, part10);
        if (!created) {
            Optional<StoredInstance> existing = indexed(attributes.sopInstanceUid());
            if (existing.isPresent()) {
                return outcomeForExisting(existing.get(), received);
            }
            checkUnindexedFile(key, part10, sha256);
        }
        boolean inserted;
        try {
            inserted = index.insert(attributes, key, part10.length, sha256, site);
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
        // The SOP Instance UID is indexed already: sent again with other content (our file has its own name and is
        // referenced by nothing: remove it), or by another association at the same moment (with the same content
        // both wrote one name, and the file is the indexed one).
        StoredInstance winner = indexed(attributes.sopInstanceUid()).orElseThrow();
        if (created && !winner.storageKey().equals(key)) {
            deleteQuietly(key);
        }
        return outcomeForExisting(winner, received);
    }

    public List<StudySummary> findStudies(StudyQuery query) {
        return index.findStudies(query);
    }

    public List<StoredInstance> findInstances(String studyUid, String seriesUid, String sopInstanceUid) {
        return index.findInstances(studyUid, seriesUid, sopInstanceUid);
    }

    /**
     * As {@link #findInstances(String, String, String)}, only if the study is of one of {@code sites}: a study of
     * another site is not found, exactly like one that does not exist.
     *
     * @param sites null for every site
     */
    public List<StoredInstance> findInstances(String studyUid, String seriesUid, String sopInstanceUid,
            Set<String> sites) {
        return index.findInstances(studyUid, seriesUid, sopInstanceUid, sites);
    }

    /** The sites with a study of this (pseudonymous) patient; empty when the patient is not archived. */
    public Set<String> sitesOfPatient(String patientId) {
        return index.sitesOfPatient(patientId);
    }

    /** The site a study came from, if it is archived. */
    public Optional<String> siteOfStudy(String studyUid) {
        return index.siteOfStudy(studyUid);
    }

    /** C-FIND: the entities matching the query, with the values of the attributes asked for. */
    public List<IndexRecord> find(IndexQuery query, Set<IndexedAttribute> returned, int limit) {
        return index.find(query, returned, limit);
    }

    /** QIDO-RS: a page of the entities matching the query. */
    public List<IndexRecord> find(IndexQuery query, Set<IndexedAttribute> returned, int limit, int offset) {
        return index.find(query, returned, limit, offset);
    }

    /** WADO-RS metadata: the DICOM JSON kept for these instances, by SOP Instance UID (missing ones left out). */
    public Map<String, String> findMetadataJson(List<String> sopInstanceUids) {
        return index.findMetadataJson(sopInstanceUids);
    }

    /** Keeps the DICOM JSON encoded from an instance's file, so that it is encoded once. */
    public void saveMetadataJson(String sopInstanceUid, String dicomJson) {
        index.saveMetadataJson(sopInstanceUid, dicomJson);
    }

    /** C-MOVE / C-GET: every instance below the entities matching the query. */
    public List<StoredInstance> findInstances(IndexQuery query) {
        return index.findInstances(query);
    }

    public InputStream open(StoredInstance instance) throws IOException {
        return files.open(instance.storageKey());
    }

    /** The instance's whole file, read-only ({@link FileStore#readWhole}: mapped where the store is local). */
    public ByteBuffer readWhole(StoredInstance instance) throws IOException {
        return files.readWhole(instance.storageKey());
    }

    /**
     * Files are laid out by UID and named by content: {@code <study>/<series>/<sop>-<first 16 hex of sha256>.dcm}.
     * Two associations sending one SOP Instance UID with different content at the same moment then write two files,
     * never one over the other; the one whose index row is committed is kept, and the other is removed.
     */
    static String storageKey(InstanceAttributes a, String sha256) {
        return a.studyInstanceUid() + "/" + a.seriesInstanceUid() + "/" + a.sopInstanceUid() + "-"
                + sha256.substring(0, 16) + ".dcm";
    }

    /**
     * Writes the file unless one exists under its name.
     *
     * @return true if this call created the file
     */
    private boolean createFile(String key, byte[] part10) {
        try {
            return files.createIfAbsent(key, part10);
        } catch (IOException e) {
            throw new ArchiveException(Reason.STORAGE, "cannot write " + key + ": " + e.getMessage(), e);
        }
    }

    /**
     * A file under the name of an instance not indexed. The name carries the content's digest, so it is this
     * content: left by a crash between file and row (kept, and indexed now), or written by an association storing
     * the same instance at the same moment. Only a damaged file (its bytes no longer match its name) is replaced; it
     * was never acknowledged, since this instance is not indexed.
     */
    private void checkUnindexedFile(String key, byte[] part10, String sha256) {
        try {
            String onDisk;
            try (InputStream in = files.open(key)) {
                onDisk = sha256(in.readAllBytes());
            }
            if (onDisk.equals(sha256)) {
                return;
            }
            log.warn("replacing unindexed file {}: its content no longer matches its digest", key);
            files.delete(key);
            files.createIfAbsent(key, part10);
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

    /** What was received, as a conflict records it. */
    private record Received(String sha256, long sizeBytes, String callingAeTitle) {
    }

    /**
     * The same SOP Instance UID again: nothing to do if the content is the same; otherwise the stored instance stays
     * whatever the policy, and the conflict is recorded before the answer (a sender whose conflict could not be
     * recorded is told the index failed, and its retry records it).
     */
    private StoreOutcome outcomeForExisting(StoredInstance stored, Received received) {
        if (stored.sha256().equals(received.sha256())) {
            return StoreOutcome.ALREADY_STORED;
        }
        DuplicateConflict conflict;
        try {
            conflict = conflicts.record(stored, received.sha256(), received.sizeBytes(), received.callingAeTitle(),
                    duplicatePolicy);
        } catch (DataAccessException e) {
            throw indexFailure(stored.sopInstanceUid(), e);
        }
        boolean reject = duplicatePolicy == DuplicatePolicy.REJECT;
        log.warn("SOP Instance {} received from {} with other content than the stored one (sha256 {} vs {}): {}; "
                        + "duplicate conflict #{}, seen {} time(s)", stored.sopInstanceUid(),
                received.callingAeTitle(), received.sha256(), stored.sha256(),
                reject ? "rejected" : "the stored one is kept", conflict.id(), conflict.occurrences());
        return reject ? StoreOutcome.CONFLICT_REJECTED : StoreOutcome.CONFLICT_KEPT_FIRST;
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
