package io.vigie.dicomweb;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.archive.InstanceAttributes;
import io.vigie.ingest.DimseStatus;
import io.vigie.ingest.StoreResult;
import io.vigie.ingest.StoreResult.Outcome;
import io.vigie.ingest.StoreResult.Reason;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/** The Store Instances Response Module built from the pipeline's results. */
class StowResponseTest {

    private static final String CT = "1.2.840.10008.5.1.4.1.1.2";

    @Test
    void listsADuplicateRejectedByThePolicyAsFailedWithC001() {
        StowResponse response = new StowResponse("http://vigie/dicomweb");
        InstanceAttributes stored = new InstanceAttributes("VG1", "VG1", null, "2.25.10", null, null, null, null, null,
                "2.25.11", "CT", 1, null, CT, "2.25.12", 1, "1.2.840.10008.1.2.1");
        response.add(new StoreResult(Outcome.STORED, DimseStatus.SUCCESS, null, CT, "1.2.3.1", stored));
        response.add(new StoreResult(Outcome.FAILED,
                DimseStatus.duplicateRejected("SOP Instance UID already archived with other content"),
                Reason.DUPLICATE_REJECTED, CT, "1.2.3.2", null));

        assertThat(response.httpStatus()).isEqualTo(HttpStatus.ACCEPTED);
        Map<String, Object> body = response.dataSet();
        Map<String, Object> failed = onlyItem(body, "00081198");
        assertThat(value(failed, "00081155")).isEqualTo("1.2.3.2"); // as sent: it was never archived
        assertThat(value(failed, "00081197")).isEqualTo(0xC001);
        assertThat(value(onlyItem(body, "00081199"), "00081155")).isEqualTo("2.25.12");
    }

    @Test
    void answers409WhenTheOnlyInstanceIsARejectedDuplicate() {
        StowResponse response = new StowResponse("http://vigie/dicomweb");
        response.add(new StoreResult(Outcome.FAILED, DimseStatus.duplicateRejected("other content"),
                Reason.DUPLICATE_REJECTED, CT, "1.2.3.2", null));

        assertThat(response.httpStatus()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(response.dataSet()).containsOnlyKeys("00081198");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> onlyItem(Map<String, Object> dataSet, String tag) {
        List<Map<String, Object>> items = (List<Map<String, Object>>) ((Map<String, Object>) dataSet.get(tag))
                .get("Value");
        assertThat(items).hasSize(1);
        return items.get(0);
    }

    @SuppressWarnings("unchecked")
    private static Object value(Map<String, Object> item, String tag) {
        return ((List<Object>) ((Map<String, Object>) item.get(tag)).get("Value")).get(0);
    }
}
