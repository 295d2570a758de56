package io.vigie.anonymizer;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secret of one site (hospital) that keys every pseudonym: the same input and secret always give the same
 * output, so follow-up scans of a patient stay linked; another site's secret gives unrelated pseudonyms.
 */
public final class SiteSecret {

    /** 256 bits: the HMAC-SHA256 key size. */
    public static final int MIN_BYTES = 32;

    private final SecretKeySpec key;
    /** An initialised Mac per thread: Mac.getInstance and init cost more than the digest of a short value. */
    private final ThreadLocal<Mac> macs;

    public SiteSecret(byte[] secret) {
        if (secret.length < MIN_BYTES) {
            throw new IllegalArgumentException("a site secret needs at least " + MIN_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(Arrays.copyOf(secret, secret.length), "HmacSHA256");
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** HMAC-SHA256 of the purpose and the value, so that one value used for two purposes gives two digests. */
    byte[] digest(String purpose, String value) {
        Mac mac = macs.get(); // doFinal resets it for the next digest
        mac.update(purpose.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0);
        return mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "SiteSecret[hidden]";
    }
}
