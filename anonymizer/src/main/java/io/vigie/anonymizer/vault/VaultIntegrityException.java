package io.vigie.anonymizer.vault;

/**
 * A sealed vault value failed authentication: it was tampered with, copied from another row, or sealed with another
 * key. Unchecked because no caller can repair it; it must be reported, never worked around.
 */
public final class VaultIntegrityException extends RuntimeException {

    public VaultIntegrityException(String message, Throwable cause) {
        super(message, cause);
    }
}
