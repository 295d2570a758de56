package io.vigie.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/** A file mapped read-only, as the archive's local file store gives a whole file to the detection worker. */
public final class MappedFile {

    private MappedFile() {
    }

    public static ByteBuffer of(Path file) {
        try (FileChannel channel = FileChannel.open(file)) {
            return channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot map " + file, e);
        }
    }
}
