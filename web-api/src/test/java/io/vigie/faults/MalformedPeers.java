package io.vigie.faults;

import io.vigie.testing.Pdus;
import io.vigie.testing.RawDicomConnection;
import io.vigie.testing.RawDicomConnection.Reply;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Peers that break the DICOM upper layer protocol on purpose, over raw TCP: what each sends, and what the server
 * must do about it (end the association, or answer with a failure status), within a bounded time.
 */
final class MalformedPeers {

    private static final String CT_UID = "1.2.826.0.1.3680043.2.1125.4242.1";
    private static final long TWO_GIB = 0x7FFF_FFF0L;
    private static final int CT_CONTEXT = 3;
    private static final int ECHO_CONTEXT = 1;

    private MalformedPeers() {
    }

    /** What a probe does to the server, and what it expects: null when the server reacted right, else what it did. */
    interface Action {
        String run(int port, Duration patience) throws IOException;
    }

    record Probe(String name, Action action) {
        String run(int port, Duration patience) {
            try {
                return action.run(port, patience);
            } catch (IOException e) {
                return "probe failed: " + e;
            }
        }
    }

    /** The malformed inputs, in the order they are sent. */
    static Probe[] probes(int maxDataSetMib) {
        byte[] association = Pdus.associateRequest("VIGIE", "RAWPEER");
        return new Probe[] {
                beforeAssociation("connects and sends nothing", new byte[0]),
                beforeAssociation("3 bytes of a PDU header", Arrays.copyOf(Pdus.header(Pdus.A_ASSOCIATE_RQ, 100), 3)),
                beforeAssociation("A-ASSOCIATE-RQ cut short", Arrays.copyOf(association, 40)),
                beforeAssociation("A-ASSOCIATE-RQ declaring 2 GiB", withTail(Pdus.header(Pdus.A_ASSOCIATE_RQ, TWO_GIB), 64)),
                beforeAssociation("A-ASSOCIATE-RQ declaring 4 GiB - 1",
                        withTail(Pdus.header(Pdus.A_ASSOCIATE_RQ, 0xFFFF_FFFFL), 64)),
                beforeAssociation("A-ASSOCIATE-RQ of length 0", Pdus.header(Pdus.A_ASSOCIATE_RQ, 0)),
                beforeAssociation("A-ASSOCIATE-RQ of random bytes", withTail(Pdus.header(Pdus.A_ASSOCIATE_RQ, 200), 200)),
                beforeAssociation("A-ASSOCIATE-RQ whose item overruns the PDU", itemOverrun(association)),
                beforeAssociation("unknown PDU type 0x09", withTail(Pdus.header(0x09, 4), 4)),
                beforeAssociation("P-DATA-TF before any association",
                        Pdus.pData(ECHO_CONTEXT, true, true, Pdus.echoCommand())),
                beforeAssociation("A-RELEASE-RQ before any association", Pdus.releaseRequest()),
                beforeAssociation("200 MiB A-ASSOCIATE-RQ header, then silence",
                        Pdus.header(Pdus.A_ASSOCIATE_RQ, 200L << 20)),
                inAssociation("P-DATA-TF declaring 2 GiB", withTail(Pdus.header(Pdus.P_DATA_TF, TWO_GIB), 64)),
                inAssociation("P-DATA-TF declaring more than the largest data set accepted",
                        withTail(Pdus.header(Pdus.P_DATA_TF, (maxDataSetMib + 1L) << 20), 64)),
                inAssociation("PDV longer than its PDU", pdvOverrun()),
                inAssociation("unknown PDU type 0x0A", withTail(Pdus.header(0x0A, 4), 4)),
                inAssociation("a command PDV that is no command set",
                        Pdus.pData(ECHO_CONTEXT, true, true, randomBytes(64))),
                inAssociation("a data PDV before any command", Pdus.pData(CT_CONTEXT, false, true, randomBytes(64))),
                inAssociation("a data set that stops mid-way, then silence",
                        concat(Pdus.pData(CT_CONTEXT, true, true, Pdus.storeCommand(Pdus.CT_IMAGE_STORAGE, CT_UID)),
                                Pdus.pData(CT_CONTEXT, false, false, new byte[1000]))),
                inAssociation("P-DATA-TF cut short, then silence",
                        Arrays.copyOf(Pdus.pData(CT_CONTEXT, false, false, new byte[1000]), 300)),
                storeAnswered("C-STORE on a presentation context never negotiated", 99,
                        Pdus.longElement(0x0008, 0x0018, "UN", 4, new byte[4])),
                storeAnswered("C-STORE whose data set declares 2 GiB of pixel data", CT_CONTEXT,
                        Pdus.longElement(0x7FE0, 0x0010, "OB", TWO_GIB, new byte[1024])),
                storeAnswered("C-STORE whose data set declares a 2 GiB UT value", CT_CONTEXT,
                        Pdus.longElement(0x0009, 0x1010, "UT", TWO_GIB, new byte[64])),
                storeAnswered("C-STORE of a data set larger than the maximum accepted", CT_CONTEXT,
                        new byte[(maxDataSetMib + 1) << 20]),
        };
    }

    /** Sends the bytes on a fresh connection; the server must end it (abort, reject or close) within patience. */
    private static Probe beforeAssociation(String name, byte[] bytes) {
        return new Probe(name, (port, patience) -> {
            try (RawDicomConnection connection = RawDicomConnection.open(port)) {
                connection.send(bytes);
                return endedOrWhatHappened(connection.read(patience), connection, patience);
            }
        });
    }

    /** Sends the bytes on an accepted association; the server must end it within patience. */
    private static Probe inAssociation(String name, byte[] bytes) {
        return new Probe(name, (port, patience) -> {
            try (RawDicomConnection connection = RawDicomConnection.associate(port, "VIGIE")) {
                connection.send(bytes);
                return endedOrWhatHappened(connection.read(patience), connection, patience);
            }
        });
    }

    /**
     * A C-STORE request with the data set, in PDUs the server accepts; it must answer with a failure status (or end
     * the association), never Success and never silence.
     */
    private static Probe storeAnswered(String name, int contextId, byte[] dataSet) {
        return new Probe(name, (port, patience) -> {
            try (RawDicomConnection connection = RawDicomConnection.associate(port, "VIGIE")) {
                connection.send(Pdus.pData(contextId, true, true, Pdus.storeCommand(Pdus.CT_IMAGE_STORAGE, CT_UID)));
                for (int offset = 0; offset < dataSet.length; offset += 16_000) {
                    int end = Math.min(dataSet.length, offset + 16_000);
                    if (!connection.send(Pdus.pData(contextId, false, end == dataSet.length,
                            Arrays.copyOfRange(dataSet, offset, end)))) {
                        break; // the server ended the association
                    }
                }
                Reply reply = connection.read(patience);
                if (reply.is(Pdus.P_DATA_TF)) {
                    int status = Pdus.status(Arrays.copyOfRange(reply.body(), 6, reply.body().length));
                    return status != 0 && status != -1 ? null : String.format("status %04X", status);
                }
                return endedOrWhatHappened(reply, connection, patience);
            }
        });
    }

    /** A reply PDU other than the end (an A-ASSOCIATE-AC to garbage...) is followed by what comes next. */
    private static String endedOrWhatHappened(Reply reply, RawDicomConnection connection, Duration patience)
            throws IOException {
        Reply last = reply;
        for (int i = 0; i < 3 && !last.endedTheAssociation() && !last.is(Reply.SILENCE); i++) {
            last = connection.read(patience);
        }
        return last.endedTheAssociation() ? null : "the server's reaction: " + last;
    }

    /**
     * Connections opened and dropped at once, some after a partial PDU header, from a few threads at a time; the
     * server must free every slot they took.
     */
    static void flood(int port, int connections) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                int n = i;
                sent.add(pool.submit(() -> {
                    try (RawDicomConnection connection = RawDicomConnection.open(port)) {
                        if (n % 2 == 1) {
                            connection.send(Arrays.copyOf(Pdus.header(Pdus.A_ASSOCIATE_RQ, 68), 1 + n % 5));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : sent) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * More peers than association slots, each dripping an A-ASSOCIATE-RQ one byte at a time, faster than any read
     * timeout: the server must cut each within {@code patience} of its start rather than wait for the PDU forever.
     *
     * @return the peers still connected after patience (empty when the server cut them all)
     */
    static List<String> slowLoris(int port, int peers, Duration patience) throws Exception {
        byte[] request = Pdus.associateRequest("VIGIE", "SLOWLORIS");
        ExecutorService pool = Executors.newFixedThreadPool(peers);
        try {
            List<Future<Boolean>> cut = new ArrayList<>();
            for (int p = 0; p < peers; p++) {
                cut.add(pool.submit(() -> {
                    try (RawDicomConnection connection = RawDicomConnection.open(port)) {
                        long deadline = System.nanoTime() + patience.toNanos();
                        for (int i = 0; i < request.length && System.nanoTime() < deadline; i++) {
                            if (!connection.send(new byte[] {request[i]})) {
                                return true;
                            }
                            if (connection.read(Duration.ofMillis(250)).endedTheAssociation()) {
                                return true;
                            }
                        }
                        return false;
                    }
                }));
            }
            List<String> stalled = new ArrayList<>();
            for (int p = 0; p < peers; p++) {
                if (!cut.get(p).get(patience.toSeconds() + 30, TimeUnit.SECONDS)) {
                    stalled.add("peer " + p);
                }
            }
            return stalled;
        } finally {
            pool.shutdownNow();
        }
    }

    /** The presentation context item's length field set far past the end of the PDU. */
    private static byte[] itemOverrun(byte[] association) {
        byte[] corrupt = association.clone();
        for (int i = 6 + 68; i < corrupt.length - 4; i++) {
            if (corrupt[i] == 0x20 && corrupt[i + 1] == 0) {
                corrupt[i + 2] = (byte) 0xFF;
                corrupt[i + 3] = (byte) 0xFF;
                return corrupt;
            }
        }
        throw new IllegalStateException("no presentation context item");
    }

    /** A P-DATA-TF PDU of 16 bytes whose one PDV declares 1000. */
    private static byte[] pdvOverrun() {
        return ByteBuffer.allocate(22).put(Pdus.header(Pdus.P_DATA_TF, 16)).putInt(1000)
                .put((byte) CT_CONTEXT).put((byte) 0).put(new byte[10]).array();
    }

    private static byte[] withTail(byte[] header, int tailBytes) {
        return concat(header, randomBytes(tailBytes));
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        new Random(count).nextBytes(bytes);
        return bytes;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
