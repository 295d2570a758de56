package io.vigie.anonymizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigie.anonymizer.ConfidentialityTable.Row;
import java.io.BufferedReader;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class ConfidentialityTableTest {

    private final ConfidentialityTable table = ConfidentialityTable.standard();

    @Test
    void holdsEveryRowOfTheStandardOnce() {
        assertThat(table.rows()).hasSizeGreaterThan(400);
        assertThat(table.rows().stream().map(Row::tag).distinct().count()).isEqualTo(table.rows().size());
        assertThat(table.privateRow().basic()).isEqualTo(Action.REMOVE);
        assertThat(table.privateRow().options()).containsEntry(ProfileOption.RETAIN_SAFE_PRIVATE, Action.CLEAN);
    }

    @Test
    void findsExactAndRepeatingGroupRows() {
        assertThat(table.rowFor(0x00100010).name()).isEqualTo("Patient's Name");
        assertThat(table.rowFor(0x0020000D).options()).containsEntry(ProfileOption.RETAIN_UIDS, Action.KEEP);
        assertThat(table.rowFor(0x60023000).tag()).isEqualTo("60xx3000");
        assertThat(table.rowFor(0x50001234).tag()).isEqualTo("50xxxxxx");
        assertThat(table.rowFor(0x00280010)).as("Rows is not an identifying attribute").isNull();
    }

    @Test
    void optionsChangeTheBasicActionOnlyWhereTheirColumnSaysSo() {
        Row studyDate = table.rowFor(0x00080020);
        assertThat(DeidentificationProfile.basic().actionFor(studyDate)).isEqualTo(Action.ZERO);
        assertThat(DeidentificationProfile.research().actionFor(studyDate)).isEqualTo(Action.CLEAN);
        Row patientName = table.rowFor(0x00100010);
        assertThat(DeidentificationProfile.research().actionFor(patientName)).isEqualTo(Action.ZERO);
    }

    @Test
    void combinedActionsNeverRemove() {
        for (Action action : Action.values()) {
            if (action.code().contains("/")) {
                assertThat(action.resolve(true)).as(action.code()).isNotEqualTo(Action.REMOVE);
                assertThat(action.resolve(false)).as(action.code()).isNotEqualTo(Action.REMOVE);
            }
        }
        assertThat(Action.ZERO_OR_DUMMY.resolve(true)).isEqualTo(Action.DUMMY);
        assertThat(Action.ZERO_OR_DUMMY.resolve(false)).isEqualTo(Action.ZERO);
    }

    @Test
    void refusesAMalformedTable() {
        String header = "tag\tname\tbasic\tretain_safe_private\tretain_uids\tretain_device_identity\t"
                + "retain_institution_identity\tretain_patient_characteristics\tretain_full_dates\t"
                + "retain_modified_dates\tclean_descriptors\tclean_structured_content\tclean_graphics\n";
        assertThatThrownBy(() -> ConfidentialityTable.parse(new BufferedReader(new StringReader(
                header + "00100010\tPatient's Name\tQ\t\t\t\t\t\t\t\t\t\t\n"))))
                .hasMessageContaining("not an action");
        assertThatThrownBy(() -> ConfidentialityTable.parse(new BufferedReader(new StringReader(
                header + "00100010\tPatient's Name\tZ\n")))).hasMessageContaining("cells");
    }
}
