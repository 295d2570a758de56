package io.vigie.testing;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * A TCP connection to a DICOM server on loopback that sends whatever bytes a test gives it ({@link Pdus}) and reports
 * what the server did: which PDU it answered with, or that it closed the connection, or that it stayed silent.
 */
public final class RawDicomConnection implements AutoCloseable {

    /** What the server sent back. {@code CLOSED}: it closed the connection; {@code SILENCE}: nothing in time. */
    public record Reply(int pduType, byte[] body) {
        public static final int CLOSED = -1;
        public static final int SILENCE = -2;

        public boolean is(int type) {
            return pduType == type;
        }

        /** The server ended the association: A-ABORT, A-ASSOCIATE-RJ, or the connection closed. */
        public boolean endedTheAssociation() {
            return pduType == Pdus.A_ABORT || pduType == Pdus.A_ASSOCIATE_RJ || pduType == CLOSED;
        }

        @Override
        public String toString() {
            return switch (pduType) {
                case CLOSED -> "connection closed";
                case SILENCE -> "silence";
                default -> String.format("PDU type 0x%02X (%d bytes)", pduType, body.length);
            };
        }
    }

    private static final int MAX_REPLY = 1 << 20;

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    private RawDicomConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    public static RawDicomConnection open(int port) throws IOException {
        Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
        return new RawDicomConnection(socket);
    }

    /** Opens an association for {@link Pdus#associateRequest}'s contexts; fails unless it is accepted. */
    public static RawDicomConnection associate(int port, String calledAe) throws IOException {
        RawDicomConnection connection = open(port);
        connection.send(Pdus.associateRequest(calledAe, "RAWPEER"));
        Reply reply = connection.read(Duration.ofSeconds(10));
        if (!reply.is(Pdus.A_ASSOCIATE_AC)) {
            connection.close();
            throw new IOException("association not accepted: " + reply);
        }
        return connection;
    }

    /** Sends the bytes; false if the server had already closed the connection. */
    public boolean send(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The next PDU from the server, or {@link Reply#CLOSED} / {@link Reply#SILENCE}. */
    public Reply read(Duration timeout) throws IOException {
        socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
        try {
            int type = in.readUnsignedByte();
            in.readUnsignedByte();
            long length = Integer.toUnsignedLong(in.readInt());
            if (length > MAX_REPLY) {
                throw new IOException("reply PDU of " + length + " bytes");
            }
            byte[] body = new byte[(int) length];
            in.readFully(body);
            return new Reply(type, body);
        } catch (EOFException | SocketException closed) {
            return new Reply(Reply.CLOSED, new byte[0]);
        } catch (SocketTimeoutException silent) {
            return new Reply(Reply.SILENCE, new byte[0]);
        }
    }

    /**
     * Reads the C-STORE or C-ECHO response that follows a request: the Status of the first command PDV, or the reply
     * that ended the association instead.
     */
    public int responseStatus(Duration timeout) throws IOException {
        Reply reply = read(timeout);
        if (!reply.is(Pdus.P_DATA_TF) || reply.body().length < 6) {
            throw new IOException("no DIMSE response: " + reply);
        }
        byte[] pdv = reply.body();
        byte[] command = new byte[pdv.length - 6];
        System.arraycopy(pdv, 6, command, 0, command.length);
        return Pdus.status(command);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // already gone
        }
    }
}
