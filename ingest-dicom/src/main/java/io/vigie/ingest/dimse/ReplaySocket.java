package io.vigie.ingest.dimse;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.net.Socket;

/**
 * A connection whose first bytes (the A-ASSOCIATE-RQ) were already read, handed to PixelMed so that it reads them
 * again. Everything else is the real socket's. {@code available()} counts the replayed bytes, which
 * {@link CancelWatch} relies on.
 */
final class ReplaySocket extends ForwardingSocket {

    private final PushbackInputStream in;

    ReplaySocket(Socket socket, byte[] alreadyRead) throws IOException {
        super(socket);
        this.in = new PushbackInputStream(socket.getInputStream(), alreadyRead.length);
        in.unread(alreadyRead);
    }

    @Override
    public InputStream getInputStream() {
        return in;
    }
}
