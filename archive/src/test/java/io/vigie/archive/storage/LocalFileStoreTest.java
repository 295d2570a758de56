package io.vigie.archive.storage;

import static org.assertj.core.api.Assertions.assertThat;

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
    }
}
