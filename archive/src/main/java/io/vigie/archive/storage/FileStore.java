package io.vigie.archive.storage;

import java.io.IOException;
import java.io.InputStream;

/**
 * Where instance files live. Keys are relative paths made of UIDs ({@code study/series/sop.dcm}); a file, once
 * created, is never overwritten, so a stored instance can only be replaced by deleting it first.
 */
public interface FileStore {

    /**
     * Writes {@code content} under {@code key} durably (it survives a crash once this returns) and atomically (a
     * reader sees the whole file or none), unless a file already exists there.
     *
     * @return true if the file was created, false if one already existed (it is left untouched)
     */
    boolean createIfAbsent(String key, byte[] content) throws IOException;

    /** Opens the file under {@code key} for reading. */
    InputStream open(String key) throws IOException;

    /** The file's size in bytes. */
    long size(String key) throws IOException;

    /** Deletes the file under {@code key}, if there is one. */
    void delete(String key) throws IOException;
}
