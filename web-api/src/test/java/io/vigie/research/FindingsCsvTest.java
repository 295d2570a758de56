package io.vigie.research;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigie.archive.research.ResearchFinding;
import org.junit.jupiter.api.Test;

class FindingsCsvTest {

    @Test
    void fieldsWithCommasQuotesOrLineBreaksAreQuoted() {
        assertThat(FindingsCsv.field("nodule")).isEqualTo("nodule");
        assertThat(FindingsCsv.field("a,b")).isEqualTo("\"a,b\"");
        assertThat(FindingsCsv.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(FindingsCsv.field("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(FindingsCsv.field(null)).isEmpty();
    }

    @Test
    void aRowHasOneFieldPerHeaderColumnAndAnEmptyDayOffsetWhenTheStudyHasNoDate() {
        ResearchFinding finding = new ResearchFinding("2.25.1", "nodule 1", "part-solid, spiculated", 1.5, -2, 3,
                23, 6371, 0.9, "pending", "detector", "1.0", "site-a", "VG1", "2.25.2", "2.25.3", null);
        String row = FindingsCsv.row(finding);
        assertThat(row).endsWith(",\r\n").contains("\"part-solid, spiculated\"");
        int headerColumns = FindingsCsv.HEADER.strip().split(",").length;
        assertThat(row.strip().replace("\"part-solid, spiculated\"", "x").split(",", -1)).hasSize(headerColumns);
    }
}
