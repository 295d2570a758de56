package io.vigie.ingest.dimse;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sends an A-ASSOCIATE-RJ PDU (PS3.8 9.3.4) and closes the connection. */
final class AssociateReject {

    private static final Logger log = LoggerFactory.getLogger(AssociateReject.class);

    static final int PERMANENT = 1;
    static final int TRANSIENT = 2;
    /** Source 1: DICOM UL service-user (the reasons are about AE titles). */
    static final int SERVICE_USER = 1;
    /** Source 3: DICOM UL service-provider, presentation related function (reason 2: local limit exceeded). */
    static final int SERVICE_PROVIDER_PRESENTATION = 3;

    private AssociateReject() {
    }

    /** Type 0x03, reserved, length 4, reserved, result, source, reason. */
    static byte[] pdu(int result, int source, int reason) {
        return new byte[] {0x03, 0, 0, 0, 0, 4, 0, (byte) result, (byte) source, (byte) reason};
    }

    static void send(Socket socket, int result, int source, int reason) {
        try (socket; OutputStream out = socket.getOutputStream()) {
            out.write(pdu(result, source, reason));
            out.flush();
        } catch (IOException e) {
            log.debug("could not send A-ASSOCIATE-RJ", e);
        }
    }
}
