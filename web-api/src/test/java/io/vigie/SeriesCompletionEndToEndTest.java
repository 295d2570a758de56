package io.vigie;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.archive.Archive;
import io.vigie.archive.StudyQuery;
import io.vigie.archive.jobs.Job;
import io.vigie.archive.jobs.JobQueue;
import io.vigie.archive.jobs.JobState;
import io.vigie.config.DicomGatewayLifecycle;
import io.vigie.support.ApiClient;
import io.vigie.support.VigieAppTest;
import io.vigie.testing.Dcmtk;
import io.vigie.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Series completion end to end: storescu pushes LIDC-IDRI-0001's 16 CT slices, and once the series has been quiet
 * (2 s here) the ingest role's scheduled monitor has created one detection job for it; neither an identical re-send
 * nor an instance re-sent with other content (kept first, listed to administrators) makes another.
 */
@VigieAppTest(properties = {
        "vigie.ingest.series-quiet-period=2s", "vigie.ingest.series-check-interval=200ms"})
class SeriesCompletionEndToEndTest {

    private static final List<Path> SLICES = SharedData.lidcSlices("LIDC-IDRI-0001");
    private static final Duration QUIET_AND_CHECK = Duration.ofMillis(2200);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    ApiClient api;

    @Autowired
    DicomGatewayLifecycle gateway;

    @Autowired
    Archive archive;

    @Autowired
    JobQueue jobs;

    @Test
    void aPushedCtSeriesGetsOneDetectJobOnceQuiet(@TempDir Path folder) throws Exception {
        push(SLICES);
        String series = onlySeries();
        Job job = awaitJob(series);
        assertThat(job.kind()).isEqualTo(Job.DETECT);
        assertThat(job.state()).isEqualTo(JobState.QUEUED);
        assertThat(job.seriesRevision()).isEqualTo(SLICES.size());

        push(SLICES); // identical: nothing new in the series
        Path otherContent = folder.resolve("other-content.dcm");
        byte[] slice = Files.readAllBytes(SLICES.get(4));
        slice[slice.length - 1] ^= 0x01; // the last byte of Pixel Data
        Files.write(otherContent, slice);
        push(List.of(otherContent)); // kept first: answered Success, not archived
        Thread.sleep(2 * QUIET_AND_CHECK.toMillis());

        assertThat(jobs.forSeries(series)).singleElement().extracting(Job::id).isEqualTo(job.id());
        JsonNode conflicts = adminGet("/admin/duplicate-conflicts");
        assertThat(conflicts.size()).as(conflicts.toString()).isEqualTo(1);
        assertThat(conflicts.get(0).get("callingAeTitle").asString()).isEqualTo("HOSPITAL_PACS");
        assertThat(conflicts.get(0).get("seriesInstanceUid").asString()).isEqualTo(series);
        assertThat(conflicts.get(0).get("action").asString()).isEqualTo("kept_first");
    }

    private void push(List<Path> files) {
        Dcmtk.Result sent = Dcmtk.storescu("HOSPITAL_PACS", "VIGIE", gateway.port(), files);
        assertThat(sent.succeeded()).as(sent.output()).isTrue();
    }

    private String onlySeries() {
        String study = archive.findStudies(StudyQuery.all()).get(0).studyInstanceUid();
        List<String> series = archive.findInstances(study, null, null).stream()
                .map(i -> i.seriesInstanceUid()).distinct().toList();
        assertThat(series).hasSize(1);
        return series.get(0);
    }

    /** The series' job, once the monitor has created it: well within five quiet periods. */
    private Job awaitJob(String series) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            List<Job> found = jobs.forSeries(series);
            if (!found.isEmpty()) {
                assertThat(found).hasSize(1);
                return found.get(0);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no job for series " + series + " within 10 s");
    }

    private JsonNode adminGet(String path) throws Exception {
        return JSON.readTree(api.send(api.authorized(path, api.token("admin")), 200).body());
    }
}
