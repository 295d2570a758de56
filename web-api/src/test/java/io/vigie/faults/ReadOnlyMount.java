package io.vigie.faults;

import io.vigie.testing.Dcmtk;
import java.nio.file.Path;
import java.util.List;

/**
 * Makes a folder read-only for one process only. Tests run as root, for whom file permissions do not stop a write;
 * a read-only mount does. The process is started in a private mount namespace ({@code unshare}) with the folder bound
 * onto itself, and the test remounts that binding read-only and back ({@code nsenter}). Nothing is mounted outside
 * the process, and the mount disappears with it.
 */
final class ReadOnlyMount {

    private ReadOnlyMount() {
    }

    /** Whether this machine lets the test make private mount namespaces (root, util-linux). */
    static boolean available() {
        try {
            return Dcmtk.run(List.of("unshare", "--mount", "--propagation", "private", "--", "true")).succeeded()
                    && Dcmtk.run(List.of("nsenter", "--version")).succeeded();
        } catch (IllegalStateException missing) {
            return false;
        }
    }

    /** Words to put before the java command: a private mount namespace where {@code folder} is its own mount. */
    static List<String> launcher(Path folder) {
        return List.of("unshare", "--mount", "--propagation", "private", "--",
                "sh", "-c", "mount --bind \"$0\" \"$0\" && exec \"$@\"", folder.toString());
    }

    /** Remounts {@code folder}, in the mount namespace of process {@code pid}, read-only or read-write. */
    static void remount(long pid, Path folder, boolean readOnly) {
        Dcmtk.Result result = Dcmtk.run(List.of("nsenter", "--target", Long.toString(pid), "--mount", "--",
                "mount", "-o", "remount,bind," + (readOnly ? "ro" : "rw"), folder.toString()));
        if (!result.succeeded()) {
            throw new IllegalStateException("cannot remount " + folder + ": " + result.output());
        }
    }
}
