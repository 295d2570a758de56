package io.vigie.ingest;

import io.vigie.anonymizer.DeidentificationException;
import io.vigie.anonymizer.Deidentifier;
import io.vigie.archive.Archive;
import io.vigie.archive.ArchiveException;
import io.vigie.archive.InstanceAttributes;
import io.vigie.archive.StoreOutcome;
import io.vigie.dicom.DicomInstance;
import io.vigie.dicom.MalformedDicomException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The path of one received instance: parse, check it is what the request said, de-identify, store durably. The
 * returned status is what the sender is told; Success only once the archive has the instance durably.
 */
public final class StorePipeline {

    private static final Logger log = LoggerFactory.getLogger(StorePipeline.class);

    private final Deidentifier deidentifier;
    private final Archive archive;
    private final String sourceAeTitle;

    public StorePipeline(Deidentifier deidentifier, Archive archive, String sourceAeTitle) {
        this.deidentifier = deidentifier;
        this.archive = archive;
        this.sourceAeTitle = sourceAeTitle;
    }

    public DimseStatus store(ReceivedInstance received) {
        DicomInstance instance;
        try {
            instance = DicomInstance.readDataSet(received.dataSet(), received.transferSyntaxUid());
        } catch (MalformedDicomException e) {
            log.warn("refused {} from {}: {}", received.sopInstanceUid(), received.callingAeTitle(), e.getMessage());
            return DimseStatus.cannotUnderstand(e.getMessage());
        }
        String mismatch = mismatch(received, instance);
        if (mismatch != null) {
            log.warn("refused {} from {}: {}", received.sopInstanceUid(), received.callingAeTitle(), mismatch);
            return DimseStatus.cannotUnderstand(mismatch);
        }
        try {
            deidentifier.deidentify(instance);
        } catch (DeidentificationException e) {
            log.warn("refused {} from {}: {}", received.sopInstanceUid(), received.callingAeTitle(), e.getMessage());
            return DimseStatus.cannotUnderstand("de-identification failed: " + e.getMessage());
        }
        try {
            InstanceAttributes attributes = indexAttributes(instance);
            StoreOutcome outcome = archive.store(attributes, instance.toPart10(sourceAeTitle));
            log.debug("{} {} from {}", outcome, received.sopInstanceUid(), received.callingAeTitle());
            return DimseStatus.SUCCESS;
        } catch (ArchiveException e) {
            log.error("could not store {} from {}", received.sopInstanceUid(), received.callingAeTitle(), e);
            return switch (e.reason()) {
                case STORAGE -> DimseStatus.outOfResources("archive storage unavailable");
                case INDEX -> DimseStatus.processingFailure("archive index unavailable");
            };
        } catch (IllegalArgumentException e) {
            return DimseStatus.cannotUnderstand(e.getMessage());
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
