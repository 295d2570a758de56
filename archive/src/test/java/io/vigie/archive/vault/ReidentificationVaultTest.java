package io.vigie.archive.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigie.archive.ArchiveSchema;
import io.vigie.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ReidentificationVaultTest {

    private static TestDatabase database;
    private static ReidentificationVault vault;

    @BeforeAll
    static void startDatabase() {
        database = TestDatabase.start();
        ArchiveSchema.migrate(database.dataSource());
        vault = new ReidentificationVault(database.dataSource());
    }

    @AfterAll
    static void stopDatabase() {
        database.close();
    }

    @Test
    void keepsTheFirstSealedValueOfARow() {
        vault.record("site-a", ReidentificationVault.PATIENT_ID, "VGFIRST", new byte[] {1, 2, 3});
        vault.record("site-a", ReidentificationVault.PATIENT_ID, "VGFIRST", new byte[] {9, 9});

        assertThat(vault.find("site-a", ReidentificationVault.PATIENT_ID, "VGFIRST")).hasValue(new byte[] {1, 2, 3});
    }

    @Test
    void rowsAreSeparateBySiteKindAndSubject() {
        vault.record("site-b", ReidentificationVault.PATIENT_NAME, "VGSECOND", new byte[] {4});
        vault.record("site-b", ReidentificationVault.ACCESSION_NUMBER, "2.25.1234", new byte[] {5});

        assertThat(vault.find("site-b", ReidentificationVault.PATIENT_NAME, "VGSECOND")).hasValue(new byte[] {4});
        assertThat(vault.find("site-b", ReidentificationVault.ACCESSION_NUMBER, "2.25.1234"))
                .hasValue(new byte[] {5});
        assertThat(vault.find("site-c", ReidentificationVault.PATIENT_NAME, "VGSECOND")).isEmpty();
        assertThat(vault.find("site-b", ReidentificationVault.PATIENT_ID, "VGSECOND")).isEmpty();
        assertThat(vault.find("site-b", ReidentificationVault.PATIENT_NAME, "VGOTHER")).isEmpty();
    }

    @Test
    void refusesUnknownKinds() {
        assertThatThrownBy(() -> vault.record("site-a", "birth_date", "VGX", new byte[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("patient_id");
    }
}
