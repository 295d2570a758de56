package io.vigie.archive.storage;

import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A {@link FileStore} on a local file system. A write goes to a temporary file in {@code <root>/.incoming}, is forced
 * to disk, then published with a hard link (which, unlike rename, fails rather than replaces when the name exists),
 * and the target folder's entry is forced to disk too. A process killed mid-write leaves only its temporary file,
 * never a partial file under a published name; {@link #removeAbandonedWrites()} clears those at start-up.
 */
public final class LocalFileStore implements FileStore {

    /** Temporary files, all in one folder of the store's own file system (a hard link cannot cross one). */
    static final String INCOMING = ".incoming";

    private final Path root;
    private final Path incoming;

    public LocalFileStore(Path root) throws IOException {
        this.root = Files.createDirectories(root).toAbsolutePath().normalize();
        this.incoming = Files.createDirectories(this.root.resolve(INCOMING));
    }

    /**
     * Deletes the temporary files of writes that never completed (their process was killed): they were never
     * published, so nothing refers to them. Meant for start-up. Where several processes share the store, a write in
     * flight in another process loses its temporary file and fails, and its sender is told so and sends again: a
     * failure, never a loss.
     *
     * @return how many files were removed
     */
    public int removeAbandonedWrites() throws IOException {
        int removed = 0;
        try (DirectoryStream<Path> abandoned = Files.newDirectoryStream(incoming)) {
            for (Path file : abandoned) {
                if (Files.deleteIfExists(file)) {
                    removed++;
                }
            }
        }
        return removed;
    }

    public Path root() {
        return root;
    }

    @Override
    public boolean createIfAbsent(String key, byte[] content) throws IOException {
        Path target = resolve(key);
        if (Files.exists(target)) {
            return false;
        }
        Path folder = Files.createDirectories(target.getParent());
        Path temporary = Files.createTempFile(incoming, "write-", ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.createLink(target, temporary);
            } catch (FileAlreadyExistsException raced) {
                return false;
            }
            forceFolder(folder);
            return true;
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * A {@link FileInputStream}, not {@code Files.newInputStream}: on Java 17 only the former's {@code readAllBytes}
     * reads a file in one piece of its size, and the DICOM JSON metadata, C-GET and the duplicate check read whole
     * files. 300 CT files of 526 KB (page cache) took 47 ms on one thread against 72 ms (Java 25: the same
     * for both). A missing file is still a {@link NoSuchFileException}, as {@link FileStore#open} says.
     */
    @Override
    public InputStream open(String key) throws IOException {
        Path file = resolve(key);
        try {
            return new FileInputStream(file.toFile());
        } catch (FileNotFoundException e) {
            if (Files.notExists(file)) {
                throw new NoSuchFileException(file.toString());
            }
            throw e;
        }
    }

    /**
     * The file mapped read-only: parsing a series from mapped files took 0.004 to 0.007 s for mapping and touching
     * 300 CT files against 0.034 to 0.057 s for the whole parse from arrays (docs/benchmarks.md, Detection). The
     * archive's files are never rewritten in place (a file is created once, by a hard link, and only ever deleted),
     * so a mapping never sees a file change under it; a deleted file stays readable while mapped.
     */
    @Override
    public ByteBuffer readWhole(String key) throws IOException {
        try (FileChannel channel = FileChannel.open(resolve(key), StandardOpenOption.READ)) {
            return channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
        }
    }

    @Override
    public boolean exists(String key) {
        return Files.exists(resolve(key));
    }

    @Override
    public void delete(String key) throws IOException {
        Path target = resolve(key);
        if (Files.deleteIfExists(target)) {
            forceFolder(target.getParent());
        }
    }

    /** Keys come from UIDs we validated, but a key must still never escape the root, nor reach the temporary files. */
    private Path resolve(String key) {
        Path resolved = root.resolve(key).normalize();
        if (!resolved.startsWith(root) || resolved.equals(root)) {
            throw new IllegalArgumentException("storage key outside the store: " + key);
        }
        if (resolved.startsWith(incoming)) {
            throw new IllegalArgumentException("storage key among the temporary files: " + key);
        }
        return resolved;
    }

    /** Makes the folder's entries (the new link) durable: without this a crash can lose a file we acknowledged. */
    private static void forceFolder(Path folder) throws IOException {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
