package io.vigie.dicomweb;

import io.vigie.archive.Archive;
import io.vigie.archive.StoredInstance;
import io.vigie.config.ConditionalOnRole;
import io.vigie.dicom.DicomInstance;
import io.vigie.dicom.DicomJsonEncoder;
import io.vigie.dicom.MalformedDicomException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The DICOM JSON of instances (WADO-RS metadata), encoded once per instance and kept in the index: the first request
 * for an instance parses its file and saves the JSON; every later one, a series of any size included, is one query.
 * The kept JSON names bulk data relative to {@link #SERVICE}, replaced by the request's base URL when served, so it
 * stays right behind any host name or proxy.
 */
@Component
@ConditionalOnRole("api")
class InstanceMetadata {

    /** PS3.18's own notation for the service's base URL, which begins each kept BulkDataURI. */
    static final String SERVICE = "{+service}";
    private static final String KEPT_URI = "\"BulkDataURI\":\"" + SERVICE;

    private final Archive archive;

    InstanceMetadata(Archive archive) {
        this.archive = archive;
    }

    /** A JSON array of the instances' data sets, in the order given. */
    String jsonArray(List<StoredInstance> instances, String baseUrl) {
        Map<String, String> kept = archive.findMetadataJson(
                instances.stream().map(StoredInstance::sopInstanceUid).toList());
        StringBuilder json = new StringBuilder(instances.size() * 8 * 1024).append('[');
        for (StoredInstance instance : instances) {
            String one = kept.get(instance.sopInstanceUid());
            if (one == null) {
                one = encodeAndKeep(instance);
            }
            json.append(json.length() > 1 ? "," : "").append(one.replace(KEPT_URI, "\"BulkDataURI\":\"" + baseUrl));
        }
        return json.append(']').toString();
    }

    private String encodeAndKeep(StoredInstance instance) {
        String json = DicomJsonEncoder.encode(read(archive, instance), SERVICE + bulkDataPath(instance));
        archive.saveMetadataJson(instance.sopInstanceUid(), json);
        return json;
    }

    static String bulkDataPath(StoredInstance instance) {
        return "/studies/" + instance.studyInstanceUid() + "/series/" + instance.seriesInstanceUid()
                + "/instances/" + instance.sopInstanceUid() + "/bulkdata/";
    }

    /** The stored file of an instance, parsed. */
    static DicomInstance read(Archive archive, StoredInstance instance) {
        try (InputStream in = archive.open(instance)) {
            return DicomInstance.readPart10(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + instance.storageKey(), e);
        } catch (MalformedDicomException e) {
            throw new IllegalStateException("stored instance " + instance.sopInstanceUid() + " is unreadable", e);
        }
    }
}
