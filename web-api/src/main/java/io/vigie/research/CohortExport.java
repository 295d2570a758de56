package io.vigie.research;

import io.vigie.archive.Archive;
import io.vigie.archive.StoredInstance;
import io.vigie.archive.research.FindingFilter;
import io.vigie.archive.research.ResearchFinding;
import io.vigie.archive.research.ResearchIndex;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import tools.jackson.databind.json.JsonMapper;

/**
 * A cohort as one zip, written straight to the response: {@code findings.csv} and {@code findings.json} (the same
 * rows), then the de-identified DICOM files of the cohort's series as archived, under {@code dicom/<study>/<series>/}.
 * Findings and instances are read a page at a time and each file is copied from the file store as a stream, so
 * memory holds one page and one copy buffer whatever the cohort's size.
 *
 * <p>A file the index lists but the store no longer has is not skipped silently: it is named, with the reason, in
 * {@code MISSING.txt}, the last entry.
 */
final class CohortExport {

    static final int PAGE = 500;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Archive archive;
    private final ResearchIndex research;
    private final FindingFilter filter;
    private final Set<String> sites;

    CohortExport(Archive archive, ResearchIndex research, FindingFilter filter, Set<String> sites) {
        this.archive = archive;
        this.research = research;
        this.filter = filter;
        this.sites = sites;
    }

    void writeTo(OutputStream out) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        // Most of the bytes are CT pixels, which deflate's higher levels barely shrink further but take several times
        // longer to compress: the export would be bound by one core's compression, not by the disk or the network.
        zip.setLevel(Deflater.BEST_SPEED);
        writeFindings(zip);
        List<String> missing = writeInstances(zip);
        if (!missing.isEmpty()) {
            zip.putNextEntry(new ZipEntry("MISSING.txt"));
            zip.write(String.join("\n", missing).concat("\n").getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        zip.finish(); // not close(): the servlet container owns the response stream
        zip.flush();
    }

    /** Both files in one pass over the findings would need one held in memory: two passes, a page at a time. */
    private void writeFindings(ZipOutputStream zip) throws IOException {
        zip.putNextEntry(new ZipEntry("findings.csv"));
        zip.write(FindingsCsv.HEADER.getBytes(StandardCharsets.UTF_8));
        forEachFinding(finding -> zip.write(FindingsCsv.row(finding).getBytes(StandardCharsets.UTF_8)));
        zip.closeEntry();

        zip.putNextEntry(new ZipEntry("findings.json"));
        zip.write('[');
        boolean[] first = {true};
        forEachFinding(finding -> {
            if (!first[0]) {
                zip.write(',');
            }
            first[0] = false;
            zip.write(JSON.writeValueAsBytes(finding));
        });
        zip.write(']');
        zip.closeEntry();
    }

    /** What is done with one finding; it may fail writing. */
    private interface FindingWriter {
        void write(ResearchFinding finding) throws IOException;
    }

    /** Every finding of the cohort, in order, read a page at a time. */
    private void forEachFinding(FindingWriter writer) throws IOException {
        for (int offset = 0; ; offset += PAGE) {
            List<ResearchFinding> page = research.findings(filter, sites, PAGE, offset);
            for (ResearchFinding finding : page) {
                writer.write(finding);
            }
            if (page.size() < PAGE) {
                return;
            }
        }
    }

    private List<String> writeInstances(ZipOutputStream zip) throws IOException {
        List<String> missing = new ArrayList<>();
        for (int offset = 0; ; offset += PAGE) {
            List<StoredInstance> page = research.instances(filter, sites, PAGE, offset);
            for (StoredInstance instance : page) {
                try (InputStream file = archive.open(instance)) {
                    // Named by UIDs, not by the storage key (which carries a digest): what a reader looks for.
                    zip.putNextEntry(new ZipEntry("dicom/" + instance.studyInstanceUid() + "/"
                            + instance.seriesInstanceUid() + "/" + instance.sopInstanceUid() + ".dcm"));
                    file.transferTo(zip);
                    zip.closeEntry();
                } catch (NoSuchFileException e) {
                    missing.add(instance.sopInstanceUid() + " (" + instance.storageKey() + "): not in the file store");
                }
            }
            if (page.size() < PAGE) {
                return missing;
            }
        }
    }
}
