package io.vigie.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Makes malformed DICOM data sets from good Part 10 files, to test that bad input is refused and nothing is lost. */
public final class BrokenDicom {

    private BrokenDicom() {
    }

    /** The data set of a Part 10 file (Explicit VR Little Endian), without preamble and meta information. */
    public static byte[] dataSet(Path part10File) {
        byte[] file = read(part10File);
        int offset = 132; // preamble + "DICM"
        // (0002,0000) UL group length: tag(4) VR(2) length(2) value(4)
        int groupLength = ByteBuffer.wrap(file, offset + 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        return Arrays.copyOfRange(file, offset + 12 + groupLength, file.length);
    }

    /** The data set cut short in the middle of its pixel data. */
    public static byte[] truncated(Path part10File) {
        byte[] dataSet = dataSet(part10File);
        return Arrays.copyOf(dataSet, dataSet.length - dataSet.length / 3);
    }

    /** The whole Part 10 file (preamble and meta information intact) cut short in the middle of its pixel data. */
    public static byte[] truncatedFile(Path part10File) {
        byte[] file = read(part10File);
        return Arrays.copyOf(file, file.length - file.length / 3);
    }

    /** The data set with one more element at its end whose declared length runs far past the end of the data. */
    public static byte[] elementLengthPastEnd(Path part10File) {
        byte[] dataSet = dataSet(part10File);
        ByteBuffer extra = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        extra.putShort((short) 0x7FE1).putShort((short) 0x0010); // a private tag after Pixel Data, VR OB
        extra.put((byte) 'O').put((byte) 'B').putShort((short) 0).putInt(0x00FFFFF0); // declares ~16 MB
        extra.putInt(0x01020304);
        byte[] out = Arrays.copyOf(dataSet, dataSet.length + 16);
        System.arraycopy(extra.array(), 0, out, dataSet.length, 16);
        return out;
    }

    /** The data set with its first element's VR replaced by two bytes that are no VR at all. */
    public static byte[] badVr(Path part10File) {
        byte[] dataSet = dataSet(part10File);
        dataSet[4] = (byte) 0x01;
        dataSet[5] = (byte) 0x7F;
        return dataSet;
    }

    /**
     * The data set with one more element at its end: a sequence of explicit length whose one item declares more
     * bytes than the sequence holds.
     */
    public static byte[] sequenceWithWrongLength(Path part10File) {
        byte[] dataSet = dataSet(part10File);
        ByteBuffer extra = ByteBuffer.allocate(28).order(ByteOrder.LITTLE_ENDIAN);
        extra.putShort((short) 0x0040).putShort((short) 0xA730); // ContentSequence... after PixelData: order is wrong too
        extra.put((byte) 'S').put((byte) 'Q').putShort((short) 0).putInt(16); // sequence of 16 bytes
        extra.putShort((short) 0xFFFE).putShort((short) 0xE000).putInt(64); // an item claiming 64 bytes
        extra.putShort((short) 0x0008).putShort((short) 0x0104).put((byte) 'L').put((byte) 'O').putShort((short) 0);
        byte[] out = Arrays.copyOf(dataSet, dataSet.length + extra.capacity());
        System.arraycopy(extra.array(), 0, out, dataSet.length, extra.capacity());
        return out;
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
