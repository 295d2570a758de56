package io.vigie.ingest.query;

import io.vigie.archive.Archive;
import io.vigie.archive.StoredInstance;
import io.vigie.archive.query.IndexQuery;
import io.vigie.archive.query.IndexRecord;
import io.vigie.archive.query.IndexedAttribute;
import io.vigie.archive.query.QueryLevel;
import io.vigie.ingest.DimseStatus;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

/**
 * The gateway's read access to the archive: answers C-FIND identifiers from the index and says which stored instances
 * a C-MOVE or C-GET sends. Everything it returns comes from the archive, which holds de-identified data only.
 */
public final class QueryRetrieveService {

    /** More matches than this are refused (A700) rather than streamed: the client should narrow the query. */
    public static final int MAX_MATCHES = 10_000;

    private static final Logger log = LoggerFactory.getLogger(QueryRetrieveService.class);

    private final Archive archive;
    private final String retrieveAeTitle;

    /** @param retrieveAeTitle the AE title a client retrieves the matches from (the gateway's own) */
    public QueryRetrieveService(Archive archive, String retrieveAeTitle) {
        this.archive = archive;
        this.retrieveAeTitle = retrieveAeTitle;
    }

    /**
     * The response identifiers of a C-FIND, one per matching entity.
     *
     * @param site the site of the association's peer: a peer finds the studies of its own site only, as a
     *             radiologist does over DICOMweb (another hospital's studies do not exist for it)
     */
    public List<Map<String, String>> find(QueryRetrieveModel model, QueryIdentifier identifier, String site)
            throws QueryRefusedException {
        QueryLevel level = KeyMatching.level(model, identifier);
        IndexQuery query = KeyMatching.indexQuery(level, identifier).withinSites(Set.of(site));
        ResponseKeys responses = new ResponseKeys(model, level, identifier, retrieveAeTitle);
        List<IndexRecord> matches;
        try {
            matches = archive.find(query, responses.returned(), MAX_MATCHES + 1);
        } catch (DataAccessException e) {
            log.error("C-FIND on {} failed: index unavailable", model, e);
            throw new QueryRefusedException(DimseStatus.indexUnavailable());
        }
        if (matches.size() > MAX_MATCHES) {
            throw new QueryRefusedException(DimseStatus.outOfResources(
                    "more than " + MAX_MATCHES + " matches: narrow the query"));
        }
        return matches.stream().map(responses::of).toList();
    }

    /**
     * The instances a C-MOVE or C-GET sends. The identifier must name what to retrieve by the unique key of its level
     * (a single UID or a list, PS3.4 C.4.2.2.1): an identifier of universal keys alone would send the whole archive.
     *
     * @param site the site of the association's peer, whose studies alone it may retrieve
     */
    public List<StoredInstance> instancesToRetrieve(QueryRetrieveModel model, QueryIdentifier identifier,
            String site) throws QueryRefusedException {
        QueryLevel level = KeyMatching.level(model, identifier);
        IndexedAttribute uniqueKey = IndexedAttribute.uniqueKey(level);
        String value = identifier.keys().getOrDefault(uniqueKey.keyword(), "").strip();
        if (value.isEmpty() || value.contains("*") || value.contains("?")) {
            throw new QueryRefusedException(DimseStatus.identifierDoesNotMatchSopClass(
                    "a retrieve at " + level + " level needs " + uniqueKey.keyword()));
        }
        try {
            return archive.findInstances(KeyMatching.indexQuery(level, identifier).withinSites(Set.of(site)));
        } catch (DataAccessException e) {
            log.error("retrieve on {} failed: index unavailable", model, e);
            throw new QueryRefusedException(DimseStatus.indexUnavailable());
        }
    }

    /** The stored Part 10 file of an instance. */
    public byte[] read(StoredInstance instance) throws IOException {
        try (InputStream in = archive.open(instance)) {
            return in.readAllBytes();
        }
    }

    public String retrieveAeTitle() {
        return retrieveAeTitle;
    }
}
