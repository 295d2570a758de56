package io.vigie.ingest;

import io.vigie.anonymizer.DeidentificationException;
import io.vigie.anonymizer.Deidentified;
import io.vigie.anonymizer.Deidentifier;
import io.vigie.anonymizer.QuarantineException;
import io.vigie.archive.Archive;
import io.vigie.archive.ArchiveException;
import io.vigie.archive.InstanceAttributes;
import io.vigie.archive.StoreOutcome;
import io.vigie.archive.quarantine.Quarantine;
import io.vigie.archive.quarantine.QuarantinedItem;
import io.vigie.archive.storage.ContentDigest;
import io.vigie.dicom.DicomInstance;
import io.vigie.dicom.MalformedDicomException;
import io.vigie.ingest.StoreResult.Reason;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

/**
 * The path of one received instance, whichever door it came through (C-STORE or STOW-RS): parse, check it is what
 * the sender announced, de-identify, seal the originals into the re-identification vault, store durably. The
 * returned status is what the sender is told; Success only once the vault and the archive have the instance
 * durably. A data set refused for its content (unparseable, not de-identifiable, needing a human) is kept in the
 * quarantine as received and answered with a failure naming the quarantine entry: it is never archived and never
 * silently dropped. An instance whose SOP Instance UID is archived with other content is answered as the archive's
 * duplicate policy says (Success, keeping the stored one, or a C001 failure). Each instance is de-identified with
 * the pseudonyms of the site its sender belongs to (C-STORE: the calling AE's site; STOW-RS: the caller's, which
 * the web layer takes from the token), so that one patient sent by either door gets one pseudonym. Every result is
 * also handed to an {@link IngestListener}, for monitoring.
 */
public final class StorePipeline {

    private static final Logger log = LoggerFactory.getLogger(StorePipeline.class);

    private final Map<String, Site> sites = new LinkedHashMap<>();
    private final String defaultSite;
    private final Archive archive;
    private final Quarantine quarantine;
    private final String sourceAeTitle;
    private final IngestListener listener;

    public StorePipeline(Deidentifier deidentifier, VaultRecorder vault, Archive archive, Quarantine quarantine,
            String sourceAeTitle) {
        this(deidentifier, vault, archive, quarantine, sourceAeTitle, IngestListener.NONE);
    }

    /** A pipeline for one site. */
    public StorePipeline(Deidentifier deidentifier, VaultRecorder vault, Archive archive, Quarantine quarantine,
            String sourceAeTitle, IngestListener listener) {
        this(List.of(new Site(deidentifier, vault)), archive, quarantine, sourceAeTitle, listener);
    }

    public StorePipeline(List<Site> sites, Archive archive, Quarantine quarantine, String sourceAeTitle) {
        this(sites, archive, quarantine, sourceAeTitle, IngestListener.NONE);
    }

    /**
     * @param sites         the sites served; the first is the default one, of senders not listed as peers (and of
     *                      administrators' STOW-RS requests that name no site)
     * @param sourceAeTitle the SourceApplicationEntityTitle written into the meta information of stored files
     */
    public StorePipeline(List<Site> sites, Archive archive, Quarantine quarantine, String sourceAeTitle,
            IngestListener listener) {
        if (sites.isEmpty()) {
            throw new IllegalArgumentException("at least one site is needed");
        }
        for (Site site : sites) {
            if (this.sites.put(site.id(), site) != null) {
                throw new IllegalArgumentException("site " + site.id() + " is configured twice");
            }
        }
        this.defaultSite = sites.get(0).id();
        this.archive = archive;
        this.quarantine = quarantine;
        this.sourceAeTitle = sourceAeTitle;
        this.listener = listener;
    }

    public String defaultSite() {
        return defaultSite;
    }

    public boolean serves(String site) {
        return sites.containsKey(site);
    }

    public StoreResult store(ReceivedInstance received) {
        long start = System.nanoTime();
        StoreResult result;
        try {
            result = process(received);
        } catch (RuntimeException e) {
            log.error("storing {} from {} failed unexpectedly", received.sopInstanceUid(), received.sender(), e);
            result = StoreResult.failed(received, Reason.UNEXPECTED,
                    DimseStatus.processingFailure("unexpected error: " + e.getClass().getSimpleName()));
        }
        notifyListener(received.source(), received.dataSet().length, result, start);
        return result;
    }

    /**
     * Stores a Part 10 file (a STOW-RS part) for {@code site}: its file meta information announces the instance,
     * then it goes the same way as a C-STORE data set from a peer of that site (the same pseudonyms, the study
     * recorded as of that site). A file whose meta information cannot be read is refused with Cannot understand and
     * not quarantined: there is no instance to review, and the sender still has the file.
     *
     * @param site                   a site this pipeline {@link #serves(String) serves}: the caller checks it first,
     *                               so that a request for another site is refused as a whole, before any part
     * @param targetStudyInstanceUid the study the request named, which the instance must belong to; or null
     * @throws IllegalArgumentException when this pipeline does not serve {@code site}
     */
    public StoreResult storePart10(ReceivedInstance.Source source, String site, String sender, byte[] file,
            String targetStudyInstanceUid) {
        if (!serves(site)) {
            throw new IllegalArgumentException("site " + site + " is not served: no pseudonym secret for it");
        }
        long start = System.nanoTime();
        ReceivedInstance received;
        try {
            received = Part10File.unwrap(source, site, sender, file, targetStudyInstanceUid);
        } catch (MalformedDicomException e) {
            log.warn("refused a file from {}: {}", sender, e.getMessage());
            StoreResult refused = StoreResult.failed("", "", Reason.NOT_PART10,
                    DimseStatus.cannotUnderstand(e.getMessage()));
            notifyListener(source, file.length, refused, start);
            return refused;
        }
        return store(received);
    }

    /**
     * Computes for {@code received} all that {@link #store} computes before writing (parse, the checks,
     * de-identification with its site's pseudonyms, the index attributes, the file to store and its digest) and
     * writes nothing: no quarantine, no vault, no archive, no listener. It exists to warm up the just-in-time
     * compiler ({@link IngestWarmUp}).
     *
     * @return the size of the file that would have been stored
     * @throws IllegalArgumentException when the instance would not be archived (store would refuse or quarantine it)
     */
    long rehearse(ReceivedInstance received) {
        Site site = sites.get(received.site());
        if (site == null) {
            throw new IllegalArgumentException("site " + received.site() + " is not served");
        }
        try {
            DicomInstance instance = DicomInstance.readDataSet(received.dataSet(), received.transferSyntaxUid());
            String mismatch = mismatch(received, instance);
            if (mismatch != null) {
                throw new IllegalArgumentException(mismatch);
            }
            site.deidentifier().deidentify(instance);
            indexAttributes(instance);
            byte[] file = instance.toPart10(sourceAeTitle);
            ContentDigest.sha256(file);
            return file.length;
        } catch (MalformedDicomException | DeidentificationException e) {
            throw new IllegalArgumentException("would not be archived: " + e.getMessage(), e);
        }
    }

    private StoreResult process(ReceivedInstance received) {
        Site site = sites.get(received.site());
        if (site == null) {
            // The acceptor checks every peer's site at start-up: this is a bug, not the sender's fault.
            throw new IllegalStateException("no de-identification configured for site " + received.site());
        }
        Deidentifier deidentifier = site.deidentifier();
        VaultRecorder vault = site.vault();
        DicomInstance instance;
        try {
            instance = DicomInstance.readDataSet(received.dataSet(), received.transferSyntaxUid());
        } catch (MalformedDicomException e) {
            return quarantine(received, Reason.UNPARSEABLE, "unparseable: " + e.getMessage());
        }
        // A data set that is not what was announced is the sender's protocol error, not content to review:
        // refused, not quarantined.
        String mismatch = mismatch(received, instance);
        if (mismatch != null) {
            log.warn("refused {} from {}: {}", received.sopInstanceUid(), received.sender(), mismatch);
            return StoreResult.failed(received, Reason.NOT_AS_ANNOUNCED, DimseStatus.cannotUnderstand(mismatch));
        }
        String target = received.targetStudyInstanceUid();
        if (target != null && !target.equals(instance.string("StudyInstanceUID"))) {
            log.warn("refused {} from {}: not of study {}", received.sopInstanceUid(), received.sender(), target);
            return StoreResult.failed(received, Reason.WRONG_STUDY,
                    DimseStatus.doesNotMatch("StudyInstanceUID differs from the study of the request"));
        }
        Deidentified deidentified;
        InstanceAttributes attributes;
        try {
            deidentified = deidentifier.deidentify(instance);
            attributes = indexAttributes(instance);
        } catch (QuarantineException e) {
            return quarantine(received, Reason.NEEDS_REVIEW, e.reason());
        } catch (DeidentificationException e) {
            return quarantine(received, Reason.NOT_DEIDENTIFIABLE, "de-identification failed: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            return quarantine(received, Reason.NOT_ARCHIVABLE, "not archivable: " + e.getMessage());
        }
        try {
            // The originals first: an archived instance whose originals were lost could never be re-identified.
            vault.record(deidentified);
        } catch (DataAccessException e) {
            log.error("could not record the originals of {} from {}", received.sopInstanceUid(), received.sender(),
                    e);
            return StoreResult.failed(received, Reason.VAULT_UNAVAILABLE,
                    DimseStatus.processingFailure("re-identification vault unavailable"));
        }
        try {
            // The study is recorded as of the sender's site: who may see it follows from that.
            StoreOutcome outcome = archive.store(attributes, instance.toPart10(sourceAeTitle), received.sender(),
                    site.id());
            log.debug("{} {} from {}", outcome, received.sopInstanceUid(), received.sender());
            return switch (outcome) {
                case STORED -> StoreResult.archived(received, attributes, false);
                case ALREADY_STORED, CONFLICT_KEPT_FIRST -> StoreResult.archived(received, attributes, true);
                case CONFLICT_REJECTED -> StoreResult.failed(received, Reason.DUPLICATE_REJECTED,
                        DimseStatus.duplicateRejected("SOP Instance UID already archived with other content"));
            };
        } catch (ArchiveException e) {
            log.error("could not store {} from {}", received.sopInstanceUid(), received.sender(), e);
            return switch (e.reason()) {
                case STORAGE -> StoreResult.failed(received, Reason.STORAGE_UNAVAILABLE,
                        DimseStatus.outOfResources("archive storage unavailable"));
                case INDEX -> StoreResult.failed(received, Reason.INDEX_UNAVAILABLE,
                        DimseStatus.processingFailure("archive index unavailable"));
            };
        }
    }

    private void notifyListener(ReceivedInstance.Source source, long bytes, StoreResult result, long startNanos) {
        try {
            listener.handled(source, bytes, result, Duration.ofNanos(System.nanoTime() - startNanos));
        } catch (RuntimeException e) {
            log.warn("ingest listener failed; the result stands", e);
        }
    }

    /**
     * Keeps what was received aside and says so: Cannot understand, the ErrorComment leading with the quarantine id
     * (it is cut at 64 characters). Out of resources when even the quarantine cannot take it: the sender keeps the
     * instance and tries again.
     */
    private StoreResult quarantine(ReceivedInstance received, Reason reason, String why) {
        try {
            QuarantinedItem item = quarantine.keep(QuarantineFile.of(received), why, received.sender(),
                    received.sopClassUid(), received.transferSyntaxUid());
            log.warn("quarantined {} from {} as #{}: {}", received.sopInstanceUid(), received.sender(),
                    item.id(), why);
            return StoreResult.quarantined(received, reason,
                    DimseStatus.cannotUnderstand("quarantined #" + item.id() + ": " + why));
        } catch (ArchiveException e) {
            log.error("could not quarantine {} from {} ({})", received.sopInstanceUid(), received.sender(), why, e);
            return StoreResult.failed(received, Reason.QUARANTINE_UNAVAILABLE,
                    DimseStatus.outOfResources("quarantine unavailable; not stored: " + why));
        }
    }

    /**
     * The data set must carry the SOP Class and Instance announced: by the C-STORE request's Affected SOP Class and
     * Instance UIDs (PS3.4 B.2.3), or by a Part 10 file's MediaStorageSOPClassUID and MediaStorageSOPInstanceUID.
     */
    private static String mismatch(ReceivedInstance received, DicomInstance instance) {
        if (!received.sopInstanceUid().equals(instance.string("SOPInstanceUID"))) {
            return "SOPInstanceUID in the data set differs from the announced one";
        }
        if (!received.sopClassUid().equals(instance.string("SOPClassUID"))) {
            return "SOPClassUID in the data set differs from the announced one";
        }
        return null;
    }

    private static InstanceAttributes indexAttributes(DicomInstance i) {
        return new InstanceAttributes(
                i.string("PatientID"), i.string("PatientName"), emptyToNull(i.string("PatientSex")),
                i.string("StudyInstanceUID"), date(i.string("StudyDate")), emptyToNull(i.string("StudyTime")),
                emptyToNull(i.string("AccessionNumber")), emptyToNull(i.string("StudyID")),
                emptyToNull(i.string("StudyDescription")),
                i.string("SeriesInstanceUID"), emptyToNull(i.string("Modality")), i.integer("SeriesNumber"),
                emptyToNull(i.string("SeriesDescription")),
                i.string("SOPClassUID"), i.string("SOPInstanceUID"), i.integer("InstanceNumber"),
                i.transferSyntaxUid());
    }

    private static LocalDate date(String da) {
        try {
            return da.isEmpty() ? null : LocalDate.parse(da, DateTimeFormatter.BASIC_ISO_DATE);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String emptyToNull(String value) {
        return value.isEmpty() ? null : value;
    }
}
