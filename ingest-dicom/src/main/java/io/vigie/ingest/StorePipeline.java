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
import io.vigie.dicom.DicomInstance;
import io.vigie.dicom.MalformedDicomException;
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
 * The path of one received instance: parse, check it is what the request said, de-identify, seal the originals into
 * the re-identification vault, store durably. The returned status is what the sender is told; Success only once the
 * vault and the archive have the instance durably. A data set refused for its content (unparseable, not
 * de-identifiable, needing a human) is kept in the quarantine as received and answered with a failure naming the
 * quarantine entry: it is never archived and never silently dropped. An instance whose SOP Instance UID is archived
 * with other content is answered as the archive's duplicate policy says (Success, keeping the stored one, or C001).
 * Each instance is de-identified with the pseudonyms of the site its sender belongs to.
 */
public final class StorePipeline {

    private static final Logger log = LoggerFactory.getLogger(StorePipeline.class);

    private final Map<String, Site> sites = new LinkedHashMap<>();
    private final String defaultSite;
    private final Archive archive;
    private final Quarantine quarantine;
    private final String sourceAeTitle;

    /** @param sites the sites served; the first is the default one, of senders not listed as peers */
    public StorePipeline(List<Site> sites, Archive archive, Quarantine quarantine, String sourceAeTitle) {
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
    }

    /** A pipeline for one site. */
    public StorePipeline(Deidentifier deidentifier, VaultRecorder vault, Archive archive, Quarantine quarantine,
            String sourceAeTitle) {
        this(List.of(new Site(deidentifier, vault)), archive, quarantine, sourceAeTitle);
    }

    public String defaultSite() {
        return defaultSite;
    }

    public boolean serves(String site) {
        return sites.containsKey(site);
    }

    public DimseStatus store(ReceivedInstance received) {
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
            return quarantine(received, "unparseable: " + e.getMessage());
        }
        // A data set that is not the announced instance is the sender's protocol error, not content to review:
        // refused, not quarantined.
        String mismatch = mismatch(received, instance);
        if (mismatch != null) {
            log.warn("refused {} from {}: {}", received.sopInstanceUid(), received.callingAeTitle(), mismatch);
            return DimseStatus.cannotUnderstand(mismatch);
        }
        Deidentified deidentified;
        InstanceAttributes attributes;
        try {
            deidentified = deidentifier.deidentify(instance);
            attributes = indexAttributes(instance);
        } catch (QuarantineException e) {
            return quarantine(received, e.reason());
        } catch (DeidentificationException e) {
            return quarantine(received, "de-identification failed: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            return quarantine(received, "not archivable: " + e.getMessage());
        }
        try {
            // The originals first: an archived instance whose originals were lost could never be re-identified.
            vault.record(deidentified);
        } catch (DataAccessException e) {
            log.error("could not record the originals of {} from {}", received.sopInstanceUid(),
                    received.callingAeTitle(), e);
            return DimseStatus.processingFailure("re-identification vault unavailable");
        }
        try {
            StoreOutcome outcome = archive.store(attributes, instance.toPart10(sourceAeTitle),
                    received.callingAeTitle());
            log.debug("{} {} from {}", outcome, received.sopInstanceUid(), received.callingAeTitle());
            return outcome == StoreOutcome.CONFLICT_REJECTED
                    ? DimseStatus.duplicateRejected("SOP Instance UID already archived with other content")
                    : DimseStatus.SUCCESS;
        } catch (ArchiveException e) {
            log.error("could not store {} from {}", received.sopInstanceUid(), received.callingAeTitle(), e);
            return switch (e.reason()) {
                case STORAGE -> DimseStatus.outOfResources("archive storage unavailable");
                case INDEX -> DimseStatus.processingFailure("archive index unavailable");
            };
        }
    }

    /**
     * Keeps what was received aside and says so: Cannot understand, the ErrorComment leading with the quarantine id
     * (it is cut at 64 characters). Out of resources when even the quarantine cannot take it: the sender keeps the
     * instance and tries again.
     */
    private DimseStatus quarantine(ReceivedInstance received, String reason) {
        try {
            QuarantinedItem item = quarantine.keep(QuarantineFile.of(received), reason, received.callingAeTitle(),
                    received.sopClassUid(), received.transferSyntaxUid());
            log.warn("quarantined {} from {} as #{}: {}", received.sopInstanceUid(), received.callingAeTitle(),
                    item.id(), reason);
            return DimseStatus.cannotUnderstand("quarantined #" + item.id() + ": " + reason);
        } catch (ArchiveException e) {
            log.error("could not quarantine {} from {} ({})", received.sopInstanceUid(), received.callingAeTitle(),
                    reason, e);
            return DimseStatus.outOfResources("quarantine unavailable; not stored: " + reason);
        }
    }

    /** The data set must carry the SOP Class and Instance the C-STORE request announced (PS3.4 B.2.3). */
    private static String mismatch(ReceivedInstance received, DicomInstance instance) {
        if (!received.sopInstanceUid().equals(instance.string("SOPInstanceUID"))) {
            return "SOPInstanceUID in the data set differs from the request's Affected SOP Instance UID";
        }
        if (!received.sopClassUid().equals(instance.string("SOPClassUID"))) {
            return "SOPClassUID in the data set differs from the request's Affected SOP Class UID";
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
