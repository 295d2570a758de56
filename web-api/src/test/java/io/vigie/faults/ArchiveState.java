package io.vigie.faults;

import io.vigie.dicom.DicomInstance;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What the archive holds, read behind Vigie's back: the index rows (by JDBC) and the files (by walking
 * {@code <dataDir>/archive}), so a test can compare the two after a crash or a fault.
 *
 * @param indexed    storage key by SOP Instance UID, from the index
 * @param files      storage keys of the instance files on disk
 * @param otherFiles every other regular file under the archive folder (temporary files of interrupted writes)
 */
record ArchiveState(Map<String, String> indexed, Set<String> files, Set<String> otherFiles) {

    static ArchiveState read(Path archiveRoot, String jdbcUrl) throws SQLException, IOException {
        Map<String, String> indexed = new HashMap<>();
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "");
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select sop_instance_uid, storage_key from instance")) {
            while (rows.next()) {
                indexed.put(rows.getString(1), rows.getString(2));
            }
        }
        List<String> all;
        try (Stream<Path> walk = Files.walk(archiveRoot)) {
            all = walk.filter(Files::isRegularFile).map(f -> archiveRoot.relativize(f).toString()).toList();
        }
        Set<String> files = all.stream().filter(ArchiveState::isInstanceFile).collect(Collectors.toCollection(TreeSet::new));
        Set<String> other = all.stream().filter(f -> !isInstanceFile(f)).collect(Collectors.toCollection(TreeSet::new));
        return new ArchiveState(indexed, files, other);
    }

    /** {@code study/series/sop.dcm}: the only names the file store publishes. */
    private static boolean isInstanceFile(String key) {
        return key.endsWith(".dcm") && !Path.of(key).getFileName().toString().startsWith(".");
    }

    /** Index rows whose file is missing: must never exist (QIDO would list what WADO cannot serve). */
    Set<String> rowsWithoutFile() {
        return indexed.values().stream().filter(key -> !files.contains(key))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** Files no index row points to: left only by a write interrupted between the file and its row. */
    Set<String> filesWithoutRow() {
        Set<String> keys = Set.copyOf(indexed.values());
        return files.stream().filter(f -> !keys.contains(f)).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The instance is in the index and its file opens as DICOM with that SOP Instance UID. */
    static boolean readable(Path archiveRoot, String storageKey, String sopInstanceUid) {
        try (InputStream in = Files.newInputStream(archiveRoot.resolve(storageKey))) {
            return sopInstanceUid.equals(DicomInstance.readPart10(in).string("SOPInstanceUID"));
        } catch (Exception e) {
            return false;
        }
    }

    /** The JDBC URL of the embedded PostgreSQL that Vigie started on {@code dataDir} (port from postmaster.pid). */
    static String embeddedJdbcUrl(Path dataDir) throws IOException {
        List<String> pid = Files.readAllLines(dataDir.resolve("postgres/postmaster.pid"));
        return "jdbc:postgresql://127.0.0.1:" + pid.get(3).trim() + "/postgres";
    }

    /** One setting of the server, as it runs ({@code show fsync}). */
    static String setting(String jdbcUrl, String name) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "");
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("show " + name)) {
            row.next();
            return row.getString(1);
        }
    }
}
