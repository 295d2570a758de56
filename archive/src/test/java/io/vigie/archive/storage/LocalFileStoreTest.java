package io.vigie.archive.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalFileStoreTest extends FileStoreContractTest {

    @TempDir
    Path folder;

    @Override
    FileStore store() throws IOException {
        return new LocalFileStore(folder);
    }

    @Test
    void leavesNoTemporaryFileBehind() throws IOException {
        FileStore files = store();
        files.createIfAbsent("a/b.dcm", new byte[] {1});
        files.createIfAbsent("a/b.dcm", new byte[] {2});

        try (var entries = Files.list(folder.resolve("a"))) {
            assertThat(entries).containsExactly(folder.resolve("a/b.dcm"));
        }
        try (var temporary = Files.list(folder.resolve(LocalFileStore.INCOMING))) {
            assertThat(temporary).isEmpty();
        }
    }

    @Test
    void removesTheTemporaryFilesOfWritesAKilledProcessLeftAndNothingElse() throws IOException {
        Path root = folder.resolve("killed");
        new LocalFileStore(root).createIfAbsent("s/1.dcm", new byte[] {1});
        Path abandoned = Files.writeString(root.resolve(".incoming/write-123.tmp"), "half a file");

        assertThat(new LocalFileStore(root).removeAbandonedWrites()).isEqualTo(1);
        assertThat(abandoned).doesNotExist();
        assertThat(root.resolve("s/1.dcm")).hasBinaryContent(new byte[] {1});
    }

    @Test
    void aKeyCannotNameATemporaryFile() throws IOException {
        FileStore files = store();
        assertThatThrownBy(() -> files.createIfAbsent(".incoming/write-1.tmp", new byte[] {1}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
