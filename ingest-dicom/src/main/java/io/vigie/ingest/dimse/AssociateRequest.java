package io.vigie.ingest.dimse;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The A-ASSOCIATE-RQ PDU (PS3.8 9.3.2), read before PixelMed sees the connection so that the peer policy can reject
 * with the reason it chose: PixelMed's acceptor only ever rejects a wrong called AE title, and has no hook for the
 * calling AE title or the peer's address. The bytes are handed on to PixelMed unchanged.
 *
 * @param pdu the whole PDU, header included
 */
record AssociateRequest(byte[] pdu, String calledAeTitle, String callingAeTitle) {

    private static final int TYPE = 0x01;
    /** Header (6) + protocol version and reserved (4) + called and calling AE titles (32) + reserved (32). */
    private static final int FIXED_LENGTH = 74;
    /** A request with a few hundred presentation contexts is still far below this; more is not a DICOM peer. */
    private static final int MAX_LENGTH = 1 << 20;

    static AssociateRequest read(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        int type = data.readUnsignedByte();
        data.readUnsignedByte();
        long length = data.readInt() & 0xFFFFFFFFL;
        if (type != TYPE) {
            throw new IOException("expected an A-ASSOCIATE-RQ, got PDU type 0x" + Integer.toHexString(type));
        }
        if (length < FIXED_LENGTH - 6 || length > MAX_LENGTH) {
            throw new IOException("A-ASSOCIATE-RQ of implausible length " + length);
        }
        byte[] pdu = new byte[6 + (int) length];
        pdu[0] = (byte) type;
        pdu[2] = (byte) (length >>> 24);
        pdu[3] = (byte) (length >>> 16);
        pdu[4] = (byte) (length >>> 8);
        pdu[5] = (byte) length;
        data.readFully(pdu, 6, (int) length);
        return new AssociateRequest(pdu, aeTitle(pdu, 10), aeTitle(pdu, 26));
    }

    /** AE titles are 16 bytes, space padded; leading and trailing spaces are not significant (PS3.5 6.2). */
    private static String aeTitle(byte[] pdu, int offset) {
        return new String(pdu, offset, 16, StandardCharsets.US_ASCII).trim();
    }
}
