package io.vigie.dicomweb;

import io.vigie.archive.Archive;
import io.vigie.archive.StoredInstance;
import io.vigie.config.ConditionalOnRole;
import io.vigie.dicom.BulkDataValues;
import io.vigie.dicom.DicomInstance;
import io.vigie.dicom.MalformedDicomException;
import io.vigie.dicom.PixelFrames;
import io.vigie.security.SiteAccess;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
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

/**
 * WADO-RS of the parts of an instance (PS3.18 10.4): its frames, its bulk data (what metadata names by BulkDataURI)
 * and rendered frames. Frames are served from native (uncompressed) instances only: Vigie does not decompress, so a
 * compressed instance's frames are 406.
 */
@RestController
@RequestMapping("/dicomweb/studies/{study}/series/{series}/instances/{instance}")
@ConditionalOnRole("api")
class PixelDataController {

    private static final String OCTET_STREAM_PART = "application/octet-stream; transfer-syntax="
            + OctetStreamAcceptance.EXPLICIT_LITTLE_ENDIAN;

    private final Archive archive;
    private final SiteAccess sites;

    PixelDataController(Archive archive, SiteAccess sites) {
        this.archive = archive;
        this.sites = sites;
    }

    @GetMapping("/frames/{frames}")
    ResponseEntity<byte[]> frames(@PathVariable String study, @PathVariable String series,
            @PathVariable String instance, @PathVariable String frames,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        OctetStreamAcceptance.require(accept);
        StoredInstance stored = find(study, series, instance);
        PixelFrames pixels = nativeFrames(stored, InstanceMetadata.read(archive, stored));
        List<MultipartBytesWriter.Part> parts = new ArrayList<>();
        String location = DicomWebBase.current() + InstanceMetadata.bulkDataPath(stored).replace("/bulkdata/", "")
                + "/frames/";
        for (int number : frameNumbers(frames)) {
            parts.add(new MultipartBytesWriter.Part(frame(pixels, number), location + number));
        }
        MultipartBytesWriter writer = new MultipartBytesWriter(OCTET_STREAM_PART);
        return ResponseEntity.ok().header(HttpHeaders.CONTENT_TYPE, writer.contentType()).body(writer.body(parts));
    }

    @GetMapping("/bulkdata/{tag}")
    ResponseEntity<byte[]> bulkData(@PathVariable String study, @PathVariable String series,
            @PathVariable String instance, @PathVariable String tag,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        OctetStreamAcceptance.require(accept);
        StoredInstance stored = find(study, series, instance);
        DicomInstance dicom = InstanceMetadata.read(archive, stored);
        if (tag.equalsIgnoreCase("7FE00010")) {
            nativeFrames(stored, dicom); // encapsulated pixel data would need its own framing: 406
        }
        byte[] value;
        try {
            value = BulkDataValues.of(dicom, tag).orElseThrow(() -> new ResponseStatusException(
                    HttpStatus.NOT_FOUND, "instance " + instance + " has no bulk data " + tag));
        } catch (MalformedDicomException e) {
            throw new IllegalStateException(e);
        }
        MultipartBytesWriter writer = new MultipartBytesWriter(OCTET_STREAM_PART);
        String location = DicomWebBase.current() + InstanceMetadata.bulkDataPath(stored) + tag;
        return ResponseEntity.ok().header(HttpHeaders.CONTENT_TYPE, writer.contentType())
                .body(writer.body(List.of(new MultipartBytesWriter.Part(value, location))));
    }

    /** The instance rendered: its first frame (PS3.18 10.4.1.1.3 leaves which frames to the origin server). */
    @GetMapping("/rendered")
    ResponseEntity<byte[]> renderedInstance(@PathVariable String study, @PathVariable String series,
            @PathVariable String instance, @RequestParam(required = false) String window,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        return rendered(study, series, instance, 1, window, accept);
    }

    @GetMapping("/frames/{frame}/rendered")
    ResponseEntity<byte[]> renderedFrame(@PathVariable String study, @PathVariable String series,
            @PathVariable String instance, @PathVariable String frame,
            @RequestParam(required = false) String window,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        List<Integer> numbers = frameNumbers(frame);
        if (numbers.size() != 1) {
            throw new InvalidQueryException("a rendered frame is one frame number: " + frame);
        }
        return rendered(study, series, instance, numbers.get(0), window, accept);
    }

    private ResponseEntity<byte[]> rendered(String study, String series, String instance, int frameNumber,
            String window, String accept) {
        RenderedMediaType type = RenderedMediaType.of(accept);
        StoredInstance stored = find(study, series, instance);
        DicomInstance dicom = InstanceMetadata.read(archive, stored);
        PixelFrames pixels = nativeFrames(stored, dicom);
        BufferedImage image = FrameRenderer.render(pixels, frame(pixels, frameNumber),
                decimal(dicom, "RescaleSlope", 1), decimal(dicom, "RescaleIntercept", 0),
                RenderingWindow.of(window, dicom));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, type.imageIoFormat(), out);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode " + type.mediaType(), e);
        }
        return ResponseEntity.ok().header(HttpHeaders.CONTENT_TYPE, type.mediaType()).body(out.toByteArray());
    }

    private StoredInstance find(String study, String series, String instance) {
        List<StoredInstance> found = archive.findInstances(study, series, instance, sites.visibleSites());
        if (found.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no instance " + instance + " in the archive");
        }
        return found.get(0);
    }

    private static PixelFrames nativeFrames(StoredInstance stored, DicomInstance dicom) {
        Optional<PixelFrames> frames;
        try {
            frames = PixelFrames.of(dicom);
        } catch (MalformedDicomException e) {
            throw new IllegalStateException(e);
        }
        if (!PixelFrames.NATIVE_SYNTAXES.contains(stored.transferSyntaxUid())) {
            throw new ResponseStatusException(HttpStatus.NOT_ACCEPTABLE, "instance " + stored.sopInstanceUid()
                    + " is stored as " + stored.transferSyntaxUid() + "; Vigie serves uncompressed frames only");
        }
        return frames.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "instance " + stored.sopInstanceUid() + " has no pixel data"));
    }

    private static byte[] frame(PixelFrames pixels, int number) {
        return pixels.frame(number).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "no frame " + number + ": the instance has " + pixels.numberOfFrames()));
    }

    /** A frame list: {@code 1}, {@code 1,3,5} (PS3.18 10.4.1.1.4: numbers from 1). */
    private static List<Integer> frameNumbers(String frames) {
        List<Integer> numbers = new ArrayList<>();
        for (String one : frames.split(",")) {
            try {
                int number = Integer.parseInt(one.strip());
                if (number < 1) {
                    throw new NumberFormatException();
                }
                numbers.add(number);
            } catch (NumberFormatException e) {
                throw new InvalidQueryException("frame numbers are integers from 1: " + frames);
            }
        }
        return numbers;
    }

    private static double decimal(DicomInstance dicom, String keyword, double fallback) {
        try {
            String value = dicom.string(keyword);
            return value.isEmpty() ? fallback : Double.parseDouble(value);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
