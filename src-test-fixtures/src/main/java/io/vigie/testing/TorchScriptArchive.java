package io.vigie.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A TorchScript file made without Python, laid out as {@code torch.jit.save} writes one: a zip of stored records
 * holding the module's TorchScript source ({@code code/__torch__.py}), the pickled module object ({@code data.pkl}),
 * its tensors' bytes ({@code data/0}), its constants ({@code constants.pkl}, none here) and the format version.
 * No Python {@code torch} can be installed on these machines, so this is how the tests get a hospital's "own" model
 * to load through DJL's PyTorch engine; libtorch compiles the source when it loads the file.
 *
 * <p>The module has the {@code training} flag every {@code nn.Module} has and, when given one, a float32 parameter
 * {@code self.weight}; its {@code forward} takes one tensor {@code x} and returns the TorchScript expression it is
 * given.
 */
public final class TorchScriptArchive {

    /** The format version written; libtorch 2.7, the engine DJL loads here, reads it (the tests load every file). */
    private static final String VERSION = "3";

    private TorchScriptArchive() {
    }

    /** A module without parameters whose {@code forward(x)} returns {@code expression}. */
    public static Path write(Path file, String expression) throws IOException {
        return write(file, expression, null);
    }

    /**
     * A module whose {@code forward(x)} returns {@code expression}, which may use {@code self.weight}: {@code weight}
     * (row-major, of the given {@code shape}), or no parameter when it is null.
     */
    public static Path write(Path file, String expression, float[] weight, int... shape) throws IOException {
        if (weight != null && weight.length != Arrays.stream(shape).reduce(1, Math::multiplyExact)) {
            throw new IllegalArgumentException(weight.length + " values do not fill shape " + Arrays.toString(shape));
        }
        String source = """
                class Model(Module):
                  __parameters__ = [%s]
                  __buffers__ = []
                  training : bool
                %s  def forward(self: __torch__.Model,
                    x: Tensor) -> Tensor:
                    return %s
                """.formatted(weight == null ? "" : "\"weight\", ", weight == null ? "" : "  weight : Tensor\n",
                expression);
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            stored(zip, "archive/data.pkl", moduleObject(weight, shape));
            stored(zip, "archive/code/__torch__.py", source.getBytes(StandardCharsets.UTF_8));
            stored(zip, "archive/constants.pkl", new Pickle().emptyTuple().stop());
            stored(zip, "archive/version", (VERSION + "\n").getBytes(StandardCharsets.US_ASCII));
            if (weight != null) {
                ByteBuffer bytes = ByteBuffer.allocate(weight.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
                bytes.asFloatBuffer().put(weight);
                stored(zip, "archive/data/0", bytes.array());
            }
        }
        return file;
    }

    /**
     * What TorchScript's pickler writes for a module object: the class as a global ({@code __torch__.Model}), made
     * with no arguments, then its attributes set from a dict. A tensor is rebuilt by
     * {@code torch._utils._rebuild_tensor_v2} from a storage named by a persistent id (record {@code data/0}).
     */
    private static byte[] moduleObject(float[] weight, int[] shape) {
        Pickle pickle = new Pickle().global("__torch__", "Model").emptyTuple().op(0x81) // NEWOBJ
                .op('}').op('(') // EMPTY_DICT, MARK
                .string("training").op(0x88); // NEWTRUE
        if (weight != null) {
            int[] strides = new int[shape.length];
            for (int i = shape.length - 1, stride = 1; i >= 0; stride *= shape[i], i--) {
                strides[i] = stride;
            }
            pickle.string("weight").global("torch._utils", "_rebuild_tensor_v2").op('(')
                    .op('(').string("storage").global("torch", "FloatStorage").string("0").string("cpu")
                    .integer(weight.length).op('t').op('Q') // TUPLE, BINPERSID
                    .integer(0).ints(shape).ints(strides).op(0x89) // storage offset, sizes, strides, NEWFALSE
                    .global("collections", "OrderedDict").emptyTuple().op('R') // backward hooks: REDUCE
                    .op('t').op('R'); // TUPLE, REDUCE
        }
        return pickle.op('u').op('b').stop(); // SETITEMS, BUILD
    }

    /** Stored, not deflated, as {@code torch.jit.save} writes its records. */
    private static void stored(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(bytes.length);
        CRC32 crc = new CRC32();
        crc.update(bytes);
        entry.setCrc(crc.getValue());
        zip.putNextEntry(entry);
        zip.write(bytes);
        zip.closeEntry();
    }

    /** The few pickle (protocol 2) opcodes a module needs. */
    private static final class Pickle {

        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        Pickle() {
            op(0x80).op(2); // PROTO 2
        }

        Pickle op(int code) {
            bytes.write(code);
            return this;
        }

        Pickle global(String module, String name) {
            bytes.write('c');
            bytes.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
            return this;
        }

        /** BINUNICODE: a 4-byte little-endian length, then UTF-8. */
        Pickle string(String value) {
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            bytes.write('X');
            bytes.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(utf8.length).array());
            bytes.writeBytes(utf8);
            return this;
        }

        /** BININT: a 4-byte little-endian signed integer. */
        Pickle integer(int value) {
            bytes.write('J');
            bytes.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array());
            return this;
        }

        Pickle ints(int[] values) {
            op('(');
            for (int value : values) {
                integer(value);
            }
            return op('t');
        }

        Pickle emptyTuple() {
            return op(')');
        }

        byte[] stop() {
            op('.');
            return bytes.toByteArray();
        }
    }
}
