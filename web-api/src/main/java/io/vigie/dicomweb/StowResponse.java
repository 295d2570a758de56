package io.vigie.dicomweb;

import io.vigie.archive.InstanceAttributes;
import io.vigie.ingest.StoreResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * The answer to one STOW-RS request (PS3.18 10.5.3, the Store Instances Response Module): a ReferencedSOPSequence
 * item with its RetrieveURL for each instance in the archive, a FailedSOPSequence item with its FailureReason (the
 * DICOM status) for each that is not, and the study's RetrieveURL when the stored instances share one study.
 *
 * <p>An instance is archived de-identified, so the ReferencedSOPInstanceUID and every RetrieveURL give the remapped
 * UIDs: the client finds what it stored through this response, not through the UIDs it sent. A failed instance is
 * listed under the UIDs it was sent with, since it was never remapped.
 */
final class StowResponse {

    private final String dicomWebUrl;
    private final List<StoreResult> results = new ArrayList<>();

    /** @param dicomWebUrl the base of the RetrieveURLs, e.g. {@code http://vigie:8080/dicomweb} */
    StowResponse(String dicomWebUrl) {
        this.dicomWebUrl = dicomWebUrl;
    }

    void add(StoreResult result) {
        results.add(result);
    }

    boolean isEmpty() {
        return results.isEmpty();
    }

    int size() {
        return results.size();
    }

    /** 200 when every instance is in the archive, 409 when none is, 202 in between (PS3.18 10.5.3.1). */
    HttpStatus httpStatus() {
        long archived = results.stream().filter(StoreResult::inArchive).count();
        if (archived == results.size()) {
            return HttpStatus.OK;
        }
        return archived == 0 ? HttpStatus.CONFLICT : HttpStatus.ACCEPTED;
    }

    Map<String, Object> dataSet() {
        List<InstanceAttributes> stored = results.stream().filter(StoreResult::inArchive)
                .map(StoreResult::stored).toList();
        List<Map<String, Object>> referenced = stored.stream().map(this::referenced).toList();
        List<Map<String, Object>> failed = results.stream().filter(r -> !r.inArchive())
                .map(StowResponse::failed).toList();
        List<String> studies = stored.stream().map(InstanceAttributes::studyInstanceUid).distinct().toList();

        DicomJson response = new DicomJson(); // in tag order
        if (studies.size() == 1) {
            response.string("00081190", "UR", studyUrl(studies.get(0)));
        }
        if (!failed.isEmpty()) {
            response.sequence("00081198", failed);
        }
        if (!referenced.isEmpty()) {
            response.sequence("00081199", referenced);
        }
        return response.build();
    }

    private Map<String, Object> referenced(InstanceAttributes instance) {
        return new DicomJson()
                .string("00081150", "UI", instance.sopClassUid())
                .string("00081155", "UI", instance.sopInstanceUid())
                .string("00081190", "UR", studyUrl(instance.studyInstanceUid()) + "/series/"
                        + instance.seriesInstanceUid() + "/instances/" + instance.sopInstanceUid())
                .build();
    }

    private static Map<String, Object> failed(StoreResult result) {
        return new DicomJson()
                .string("00081150", "UI", result.sopClassUid())
                .string("00081155", "UI", result.sopInstanceUid())
                .integer("00081197", "US", result.status().code())
                .build();
    }

    private String studyUrl(String studyInstanceUid) {
        return dicomWebUrl + "/studies/" + studyInstanceUid;
    }
}
