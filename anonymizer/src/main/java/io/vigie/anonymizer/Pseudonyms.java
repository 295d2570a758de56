package io.vigie.anonymizer;

import java.math.BigInteger;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Locale;

/** The keyed, deterministic replacements: patient pseudonyms, remapped UIDs and the per-patient date shift. */
public final class Pseudonyms {

    private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    /** Date shifts fall between one and this many days back, never zero (a zero shift would keep real dates). */
    static final int MAX_DATE_SHIFT_DAYS = 3650;

    private final SiteSecret secret;
    private final String uidRoot;

    /**
     * @param uidRoot the root under which remapped UIDs are made: {@code 2.25} (UUID-derived, no registration needed)
     *                or the site's own registered root
     */
    public Pseudonyms(SiteSecret secret, String uidRoot) {
        if (!uidRoot.matches("[1-9][0-9]*(\\.(0|[1-9][0-9]*))*") || uidRoot.length() > 24) {
            throw new IllegalArgumentException("UID root must be a valid UID prefix of at most 24 characters: "
                    + uidRoot);
        }
        this.secret = secret;
        this.uidRoot = uidRoot;
    }

    /** The pseudonymous PatientID: "VG" and 16 base32 characters (80 bits of the keyed digest). */
    public String patientId(String originalPatientId) {
        byte[] digest = secret.digest("patient-id", originalPatientId.trim());
        StringBuilder id = new StringBuilder("VG");
        BigInteger value = new BigInteger(1, Arrays.copyOf(digest, 10));
        for (int i = 0; i < 16; i++) {
            id.append(BASE32[value.shiftRight(5 * (15 - i)).intValue() & 31]);
        }
        return id.toString().toUpperCase(Locale.ROOT);
    }

    /**
     * The remapped UID: the root, then the first 128 bits of the keyed digest as a decimal number. At most
     * 24 + 1 + 39 = 64 characters, the UI limit.
     */
    public String uid(String originalUid) {
        byte[] digest = secret.digest("uid", originalUid.trim());
        return uidRoot + "." + new BigInteger(1, Arrays.copyOf(digest, 16));
    }

    /** The number of days every date of this (original) patient moves back: one shift per patient, for all studies. */
    public int dateShiftDays(String originalPatientId) {
        byte[] digest = secret.digest("date-shift", originalPatientId.trim());
        return 1 + Math.floorMod(new BigInteger(1, Arrays.copyOf(digest, 8)).intValue(), MAX_DATE_SHIFT_DAYS);
    }

    public LocalDate shift(LocalDate date, int days) {
        return date.minusDays(days);
    }
}
