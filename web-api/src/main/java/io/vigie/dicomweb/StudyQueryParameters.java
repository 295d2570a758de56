package io.vigie.dicomweb;

import io.vigie.archive.StudyQuery;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads QIDO-RS study query parameters (PS3.18 8.3.4): matching keys by keyword or by tag, {@code limit} and
 * {@code offset}. Keys Vigie cannot match on are refused, so that a client never mistakes an ignored filter for an
 * empty match.
 */
final class StudyQueryParameters {

    private static final Map<String, String> TAG_TO_KEYWORD = Map.of(
            "00100020", "PatientID",
            "00080020", "StudyDate",
            "00080061", "ModalitiesInStudy",
            "0020000D", "StudyInstanceUID");

    /** Parameters that shape the response rather than filter it; accepted, with the behaviour documented. */
    private static final Set<String> ACCEPTED_OPTIONS = Set.of("includefield", "fuzzymatching", "limit", "offset");

    private StudyQueryParameters() {
    }

    static StudyQuery parse(Map<String, String> parameters) {
        String patientId = null;
        String studyDate = null;
        String modality = null;
        String studyUid = null;
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            String key = TAG_TO_KEYWORD.getOrDefault(parameter.getKey().toUpperCase(Locale.ROOT), parameter.getKey());
            String value = parameter.getValue();
            switch (key) {
                case "PatientID" -> patientId = value;
                case "StudyDate" -> studyDate = value;
                case "ModalitiesInStudy" -> modality = value;
                case "StudyInstanceUID" -> studyUid = value;
                default -> {
                    if (!ACCEPTED_OPTIONS.contains(parameter.getKey())) {
                        throw new InvalidQueryException("unsupported query key: " + parameter.getKey());
                    }
                }
            }
        }
        LocalDate[] range = dateRange(studyDate);
        return new StudyQuery(emptyToNull(patientId), range[0], range[1], emptyToNull(modality),
                emptyToNull(studyUid), integer(parameters, "limit", StudyQuery.MAX_LIMIT),
                integer(parameters, "offset", 0));
    }

    /** A DA value or range: {@code 20240517}, {@code 20240101-20241231}, {@code -20241231}, {@code 20240101-}. */
    static LocalDate[] dateRange(String value) {
        if (value == null || value.isBlank()) {
            return new LocalDate[2];
        }
        int dash = value.indexOf('-');
        if (dash < 0) {
            LocalDate date = date(value);
            return new LocalDate[] {date, date};
        }
        String from = value.substring(0, dash);
        String to = value.substring(dash + 1);
        return new LocalDate[] {from.isEmpty() ? null : date(from), to.isEmpty() ? null : date(to)};
    }

    private static LocalDate date(String value) {
        try {
            return LocalDate.parse(value.trim(), DateTimeFormatter.BASIC_ISO_DATE);
        } catch (DateTimeParseException e) {
            throw new InvalidQueryException("StudyDate must be YYYYMMDD or a range of them: " + value);
        }
    }

    private static int integer(Map<String, String> parameters, String name, int fallback) {
        String value = parameters.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed < 0) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new InvalidQueryException(name + " must be a non-negative integer: " + value);
        }
    }

    private static String emptyToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
