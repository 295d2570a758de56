package io.vigie.anonymizer.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class VaultCipherTest {

    private static final byte[] KEY = key(1);
    private static final String ROW = VaultCipher.rowAssociatedData("site-a", "patient_id", "VGAAAABBBBCCCCDDDD");

    @Test
    void opensWhatItSealed() {
        VaultCipher cipher = new VaultCipher(KEY);
        for (String original : new String[] {"LIDC-IDRI-0001", "Müller^Zoë", ""}) {
            assertThat(cipher.open(cipher.seal(original, ROW), ROW)).isEqualTo(original);
        }
    }

    @Test
    void sealedValueHoldsNeitherThePlaintextNorTheSameBytesTwice() {
        VaultCipher cipher = new VaultCipher(KEY);
        byte[] first = cipher.seal("LIDC-IDRI-0001", ROW);
        byte[] second = cipher.seal("LIDC-IDRI-0001", ROW);
        assertThat(first).isNotEqualTo(second);
        assertThat(Arrays.copyOf(first, VaultCipher.NONCE_BYTES))
                .isNotEqualTo(Arrays.copyOf(second, VaultCipher.NONCE_BYTES));
        assertThat(new String(first, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("LIDC");
        assertThat(first).hasSize(VaultCipher.NONCE_BYTES + "LIDC-IDRI-0001".length() + 16);
    }

    @Test
    void detectsEveryFlippedBit() {
        VaultCipher cipher = new VaultCipher(KEY);
        byte[] sealed = cipher.seal("LIDC-IDRI-0001", ROW);
        for (int i = 0; i < sealed.length; i++) {
            byte[] tampered = sealed.clone();
            tampered[i] ^= 0x01;
            assertThatThrownBy(() -> cipher.open(tampered, ROW)).isInstanceOf(VaultIntegrityException.class);
        }
        assertThatThrownBy(() -> cipher.open(Arrays.copyOf(sealed, sealed.length - 1), ROW))
                .isInstanceOf(VaultIntegrityException.class);
        assertThatThrownBy(() -> cipher.open(new byte[5], ROW))
                .isInstanceOf(VaultIntegrityException.class).hasMessageContaining("too short");
    }

    @Test
    void doesNotOpenInAnotherRow() {
        VaultCipher cipher = new VaultCipher(KEY);
        byte[] sealed = cipher.seal("LIDC-IDRI-0001", ROW);
        for (String other : new String[] {
                VaultCipher.rowAssociatedData("site-b", "patient_id", "VGAAAABBBBCCCCDDDD"),
                VaultCipher.rowAssociatedData("site-a", "patient_name", "VGAAAABBBBCCCCDDDD"),
                VaultCipher.rowAssociatedData("site-a", "patient_id", "VGZZZZ")}) {
            assertThatThrownBy(() -> cipher.open(sealed, other))
                    .isInstanceOf(VaultIntegrityException.class).hasMessageContaining("another vault row");
        }
    }

    @Test
    void rowsWithShiftedSeparatorsAreDistinct() {
        assertThat(VaultCipher.rowAssociatedData("a|b", "c", "d"))
                .isNotEqualTo(VaultCipher.rowAssociatedData("a", "b|c", "d"));
    }

    @Test
    void doesNotOpenWithAnotherKey() {
        byte[] sealed = new VaultCipher(KEY).seal("LIDC-IDRI-0001", ROW);
        assertThatThrownBy(() -> new VaultCipher(key(2)).open(sealed, ROW))
                .isInstanceOf(VaultIntegrityException.class);
    }

    @Test
    void refusesKeysThatAreNot256Bits() {
        for (int size : new int[] {0, 16, 24, 31, 33, 64}) {
            assertThatThrownBy(() -> new VaultCipher(new byte[size]))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exactly 32 bytes");
        }
        assertThatThrownBy(() -> new VaultCipher(null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new VaultCipher(KEY).toString()).doesNotContain(Arrays.toString(KEY));
    }

    @Test
    void copiesTheKeySoTheCallerCanWipeIt() {
        byte[] key = key(3);
        VaultCipher cipher = new VaultCipher(key);
        byte[] sealed = cipher.seal("x", ROW);
        Arrays.fill(key, (byte) 0);
        assertThat(cipher.open(sealed, ROW)).isEqualTo("x");
    }

    private static byte[] key(int seed) {
        byte[] key = new byte[VaultCipher.KEY_BYTES];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (seed * 31 + i);
        }
        return key;
    }
}
