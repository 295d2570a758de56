package io.vigie.ingest.dimse;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.time.Duration;

/**
 * An accepted connection whose input goes through a {@link PduGuard}: the guard sees each PDU header before PixelMed
 * reads it.
 */
final class GuardedSocket extends ForwardingSocket {

    private final PduGuard input;

    GuardedSocket(Socket socket, long maxPDataLength, Duration pduTimeout) throws IOException {
        super(socket);
        this.input = new PduGuard(socket.getInputStream(), socket.getOutputStream(), maxPDataLength, pduTimeout);
    }

    @Override
    public InputStream getInputStream() {
        return input;
    }
}
