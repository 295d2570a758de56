package io.vigie.archive.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * Where files live, behind one small contract that every backend keeps ({@link LocalFileStore} on a local file
 * system, {@link S3FileStore} in an S3 bucket); callers never know which one they talk to. Keys are relative paths
 * made of UIDs or digests ({@code study/series/sop.dcm}); a file, once created, is never overwritten, so a stored
 * file can only be replaced by deleting it first.
 */
public interface FileStore {

    /**
     * Writes {@code content} under {@code key} durably (it survives a crash once this returns) and atomically (a
     * reader sees the whole file or none), unless a file already exists there.
     *
     * @return true if the file was created, false if one already existed (it is left untouched)
     * @throws IOException              when the store cannot write; nothing is then left under {@code key}
     * @throws IllegalArgumentException when {@code key} would name something outside the store
     */
    boolean createIfAbsent(String key, byte[] content) throws IOException;

    /**
     * Opens the file under {@code key} for reading, as a stream (a file is never loaded whole into memory here).
     *
     * @throws java.nio.file.NoSuchFileException when there is no file under {@code key}
     */
    InputStream open(String key) throws IOException;

    /**
     * The whole file under {@code key}, as a read-only buffer: by default read into memory; a store on a local file
     * system maps it instead, so that a reader of many whole files (the detector reads a series) copies none of them.
     *
     * @throws java.nio.file.NoSuchFileException when there is no file under {@code key}
     */
    default ByteBuffer readWhole(String key) throws IOException {
        try (InputStream in = open(key)) {
            return ByteBuffer.wrap(in.readAllBytes()).asReadOnlyBuffer();
        }
    }

    /** Whether a file exists under {@code key}. */
    boolean exists(String key) throws IOException;

    /** Deletes the file under {@code key}, if there is one. */
    void delete(String key) throws IOException;
}
