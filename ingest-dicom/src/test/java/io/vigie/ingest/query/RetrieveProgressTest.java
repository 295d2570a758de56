package io.vigie.ingest.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The final status of a C-MOVE / C-GET from its sub-operation counts (PS3.4 C.4.2.1.5, C.4.3.1.5). */
class RetrieveProgressTest {

    @Test
    void successOnlyWhenEverySubOperationCompleted() {
        RetrieveProgress progress = new RetrieveProgress(2);
        progress.record("1.1", 0x0000);
        progress.record("1.2", 0x0000);
        assertThat(progress.finalStatus().code()).isEqualTo(0x0000);
        assertThat(progress.remaining()).isZero();
        assertThat(new RetrieveProgress(0).finalStatus().code()).isEqualTo(0x0000);
    }

    @Test
    void someFailuresOrWarningsAreB000AndAllFailuresA702() {
        RetrieveProgress some = new RetrieveProgress(3);
        some.record("1.1", 0x0000);
        some.record("1.2", 0xA700);
        some.record("1.3", 0xB007);
        assertThat(some.finalStatus().code()).isEqualTo(0xB000);
        assertThat(List.of(some.completed(), some.failed(), some.warning())).containsExactly(1, 1, 1);
        assertThat(some.failedSopInstanceUids()).containsExactly("1.2", "1.3");

        RetrieveProgress none = new RetrieveProgress(2);
        none.failRemaining(List.of("1.1", "1.2"));
        assertThat(none.finalStatus().code()).isEqualTo(0xA702);
        assertThat(none.failed()).isEqualTo(2);
    }

    @Test
    void aCancelEndsWithFe00AndKeepsWhatRemains() {
        RetrieveProgress progress = new RetrieveProgress(5);
        progress.record("1.1", 0x0000);
        progress.cancel();
        assertThat(progress.finalStatus().code()).isEqualTo(0xFE00);
        assertThat(progress.remaining()).isEqualTo(4);
    }
}
