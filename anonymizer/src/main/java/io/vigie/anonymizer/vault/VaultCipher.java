package io.vigie.anonymizer.vault;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals the originals that de-identification replaced (PatientID, PatientName, AccessionNumber) for the
 * re-identification vault: AES-256-GCM with a fresh random 96-bit nonce per seal, the nonce prefixed to the
 * ciphertext. The associated data names the vault row the value belongs to ({@link #rowAssociatedData}), so a sealed
 * value copied to another row does not open: the database holds only ciphertext, and whoever can write to it still
 * cannot make one patient's original appear as another's.
 */
public final class VaultCipher {

    /** AES-256. */
    public static final int KEY_BYTES = 32;
    /** 96 bits: the nonce size GCM is specified for (NIST SP 800-38D); random nonces are safe far beyond our volume. */
    static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    public VaultCipher(byte[] key) {
        if (key == null || key.length != KEY_BYTES) {
            throw new IllegalArgumentException("a vault key must be exactly " + KEY_BYTES + " bytes (AES-256), got "
                    + (key == null ? "none" : key.length + " bytes"));
        }
        this.key = new SecretKeySpec(Arrays.copyOf(key, KEY_BYTES), "AES");
    }

    /**
     * The associated data of one vault row. Each part is length-prefixed so that no two different rows give the same
     * string (("a:b", "c") and ("a", "b:c") stay apart); the version tag lets a later format coexist.
     */
    public static String rowAssociatedData(String site, String kind, String subject) {
        StringBuilder aad = new StringBuilder("vigie-vault-v1");
        for (String part : new String[] {site, kind, subject}) {
            if (part == null) {
                throw new IllegalArgumentException("site, kind and subject are all required");
            }
            aad.append('|').append(part.length()).append(':').append(part);
        }
        return aad.toString();
    }

    /** Encrypts {@code plaintext} bound to {@code associatedData}: nonce (12 bytes), then ciphertext and tag. */
    public byte[] seal(String plaintext, String associatedData) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, associatedData);
            byte[] ciphertext = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(NONCE_BYTES + ciphertext.length).put(nonce).put(ciphertext).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    /**
     * Decrypts a value sealed by {@link #seal} with the same key and associated data.
     *
     * @throws VaultIntegrityException when the value was altered, belongs to another row, or was sealed with another
     *                                 key; nothing of it is returned then
     */
    public String open(byte[] sealed, String associatedData) {
        if (sealed == null || sealed.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new VaultIntegrityException("sealed value is too short to be a vault entry ("
                    + (sealed == null ? "none" : sealed.length + " bytes") + ")", null);
        }
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, Arrays.copyOf(sealed, NONCE_BYTES), associatedData);
            byte[] plaintext = cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
            return new String(plaintext, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new VaultIntegrityException("sealed value does not open: it was altered, moved from another vault "
                    + "row, or sealed with another key", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    /** A new Cipher per call: Cipher instances are not thread-safe and GCM forbids reusing one for a second nonce. */
    private Cipher cipher(int mode, byte[] nonce, String associatedData) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance(TRANSFORMATION);
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    @Override
    public String toString() {
        return "VaultCipher[key hidden]";
    }
}
