package io.vigie.ingest.query;

import io.vigie.archive.query.QueryLevel;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** The query/retrieve information models Vigie offers (PS3.4 C.6), each with its FIND, MOVE and GET SOP classes. */
public enum QueryRetrieveModel {
    PATIENT_ROOT("Patient Root", "1.2.840.10008.5.1.4.1.2.1.1", "1.2.840.10008.5.1.4.1.2.1.2",
            "1.2.840.10008.5.1.4.1.2.1.3", EnumSet.allOf(QueryLevel.class)),
    STUDY_ROOT("Study Root", "1.2.840.10008.5.1.4.1.2.2.1", "1.2.840.10008.5.1.4.1.2.2.2",
            "1.2.840.10008.5.1.4.1.2.2.3", EnumSet.of(QueryLevel.STUDY, QueryLevel.SERIES, QueryLevel.IMAGE));

    /** The DIMSE service a SOP class of a model is for. */
    public enum Service {
        FIND, MOVE, GET
    }

    private final String title;
    private final String findSopClass;
    private final String moveSopClass;
    private final String getSopClass;
    private final Set<QueryLevel> levels;

    QueryRetrieveModel(String title, String findSopClass, String moveSopClass, String getSopClass,
            Set<QueryLevel> levels) {
        this.title = title;
        this.findSopClass = findSopClass;
        this.moveSopClass = moveSopClass;
        this.getSopClass = getSopClass;
        this.levels = Set.copyOf(levels);
    }

    /** The model whose SOP class for {@code service} is {@code sopClassUid}, if we offer it. */
    public static Optional<QueryRetrieveModel> of(Service service, String sopClassUid) {
        return Arrays.stream(values()).filter(m -> m.sopClass(service).equals(sopClassUid)).findFirst();
    }

    /** True for the six SOP classes above: the presentation contexts we accept besides storage and verification. */
    public static boolean isOffered(String sopClassUid) {
        return Arrays.stream(values()).anyMatch(m -> Arrays.stream(Service.values())
                .anyMatch(s -> m.sopClass(s).equals(sopClassUid)));
    }

    public String sopClass(Service service) {
        return switch (service) {
            case FIND -> findSopClass;
            case MOVE -> moveSopClass;
            case GET -> getSopClass;
        };
    }

    /** The top level of the model: the level whose attributes every query of this model may carry. */
    public QueryLevel topLevel() {
        return this == PATIENT_ROOT ? QueryLevel.PATIENT : QueryLevel.STUDY;
    }

    public boolean offers(QueryLevel level) {
        return levels.contains(level);
    }

    @Override
    public String toString() {
        return title;
    }
}
