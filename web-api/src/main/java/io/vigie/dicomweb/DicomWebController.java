package io.vigie.dicomweb;

import io.vigie.archive.Archive;
import io.vigie.archive.StoredInstance;
import io.vigie.archive.StudySummary;
import io.vigie.config.ConditionalOnRole;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** DICOMweb (PS3.18): QIDO-RS study search and WADO-RS retrieve of studies, series and instances. */
@RestController
@RequestMapping("/dicomweb")
@ConditionalOnRole("api")
class DicomWebController {

    static final String DICOM_JSON = "application/dicom+json";

    private final Archive archive;

    DicomWebController(Archive archive) {
        this.archive = archive;
    }

    /** QIDO-RS: {@code GET /dicomweb/studies?PatientID=..&StudyDate=..&ModalitiesInStudy=..&StudyInstanceUID=..}. */
    @GetMapping(value = "/studies", produces = {DICOM_JSON, "application/json"})
    List<Map<String, Object>> searchStudies(@RequestParam Map<String, String> parameters) {
        return archive.findStudies(StudyQueryParameters.parse(parameters)).stream()
                .map(DicomWebController::studyAttributes)
                .toList();
    }

    @GetMapping("/studies/{study}")
    ResponseEntity<StreamingResponseBody> retrieveStudy(@PathVariable String study,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        return retrieve(accept, archive.findInstances(study, null, null), "study " + study);
    }

    @GetMapping("/studies/{study}/series/{series}")
    ResponseEntity<StreamingResponseBody> retrieveSeries(@PathVariable String study, @PathVariable String series,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        return retrieve(accept, archive.findInstances(study, series, null), "series " + series);
    }

    @GetMapping("/studies/{study}/series/{series}/instances/{instance}")
    ResponseEntity<StreamingResponseBody> retrieveInstance(@PathVariable String study, @PathVariable String series,
            @PathVariable String instance,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        return retrieve(accept, archive.findInstances(study, series, instance), "instance " + instance);
    }

    private ResponseEntity<StreamingResponseBody> retrieve(String accept, List<StoredInstance> instances,
            String what) {
        RetrieveAcceptance acceptance = RetrieveAcceptance.of(accept);
        if (instances.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no " + what + " in the archive");
        }
        acceptance.requireStoredSyntaxes(instances);
        MultipartDicomWriter writer = new MultipartDicomWriter(archive, instances);
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_TYPE, writer.contentType())
                .body(writer::writeTo);
    }

    private static Map<String, Object> studyAttributes(StudySummary study) {
        String retrieveUrl = ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/dicomweb/studies/{study}").buildAndExpand(study.studyInstanceUid()).toUriString();
        return new DicomJson()
                .string("00080020", "DA", study.studyDate() == null ? null
                        : study.studyDate().format(DateTimeFormatter.BASIC_ISO_DATE))
                .string("00080030", "TM", study.studyTime())
                .string("00080050", "SH", study.accessionNumber())
                .strings("00080061", "CS", study.modalitiesInStudy())
                .personName("00080090", null)
                .string("00081030", "LO", study.studyDescription())
                .string("00081190", "UR", retrieveUrl)
                .personName("00100010", study.patientName())
                .string("00100020", "LO", study.patientId())
                .string("00100030", "DA", null)
                .string("00100040", "CS", study.patientSex())
                .string("0020000D", "UI", study.studyInstanceUid())
                .string("00200010", "SH", study.studyId())
                .integer("00201206", "IS", study.numberOfSeries())
                .integer("00201208", "IS", study.numberOfInstances())
                .build();
    }
}
