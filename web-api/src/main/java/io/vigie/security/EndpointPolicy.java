package io.vigie.security;

import static io.vigie.archive.audit.AuditEventType.AUDIT_LOG_USED;
import static io.vigie.archive.audit.AuditEventType.DICOM_INSTANCES_ACCESSED;
import static io.vigie.archive.audit.AuditEventType.EXPORT;
import static io.vigie.archive.audit.AuditEventType.IMPORT;
import static io.vigie.archive.audit.AuditEventType.PROCEDURE_RECORD;
import static io.vigie.archive.audit.AuditEventType.QUERY;
import static io.vigie.archive.audit.AuditEventType.USER_AUTHENTICATION;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

import io.vigie.archive.audit.AuditEventType;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Every HTTP endpoint of Vigie, in one table: who may call it and how it is audited. {@link SecurityConfiguration}
 * admits exactly these and denies everything else; {@code RoleMatrixTest} fails when a controller maps an endpoint
 * that is not here.
 *
 * <pre>
 * method path                                                            roles                         audited as
 * GET    /dicomweb/studies                                               radiologist researcher admin  Query
 * GET    /dicomweb/series                                                radiologist researcher admin  Query
 * GET    /dicomweb/instances                                             radiologist researcher admin  Query
 * GET    /dicomweb/studies/{study}/series                                radiologist researcher admin  Query
 * GET    /dicomweb/studies/{study}/instances                             radiologist researcher admin  Query
 * GET    /dicomweb/studies/{study}/series/{series}/instances             radiologist researcher admin  Query
 * GET    /dicomweb/studies/{study}                                       radiologist researcher admin  DICOM Instances Accessed
 * GET    /dicomweb/studies/{study}/series/{series}                       radiologist researcher admin  DICOM Instances Accessed
 * GET    /dicomweb/studies/{study}/series/{series}/instances/{instance}  radiologist researcher admin  DICOM Instances Accessed
 * GET    /dicomweb/studies/{study}/metadata                              radiologist researcher admin  DICOM Instances Accessed
 * GET    /dicomweb/studies/{study}/series/{series}/metadata              radiologist researcher admin  DICOM Instances Accessed
 * GET    /dicomweb/studies/{study}/series/{series}/instances/{instance}/metadata
 *                                                                        radiologist researcher admin  DICOM Instances Accessed
 * GET    /dicomweb/studies/{study}/series/{series}/instances/{instance}/frames/{frames}
 *                                                                        radiologist researcher admin  DICOM Instances Accessed
 * GET    /dicomweb/studies/{study}/series/{series}/instances/{instance}/bulkdata/{tag}
 *                                                                        radiologist researcher admin  DICOM Instances Accessed
 * GET    /dicomweb/studies/{study}/series/{series}/instances/{instance}/rendered
 *                                                                        radiologist researcher admin  DICOM Instances Accessed
 * GET    /dicomweb/studies/{study}/series/{series}/instances/{instance}/frames/{frame}/rendered
 *                                                                        radiologist researcher admin  DICOM Instances Accessed
 * POST   /dicomweb/studies (STOW-RS)                                     radiologist admin             Import
 * POST   /dicomweb/studies/{study} (STOW-RS)                             radiologist admin             Import
 * GET    /api/studies/{study}/findings                                   radiologist                   Query
 * GET    /api/series/{series}/analysis                                   radiologist                   Query
 * POST   /api/findings/{trackingUid}/review                              radiologist                   Procedure Record
 * GET    /admin/quarantine                                               admin                         Query
 * GET    /admin/duplicate-conflicts                                      admin                         Query
 * GET    /admin/audit                                                    admin                         Audit Log Used
 * GET    /admin/audit/export                                             admin                         Audit Log Used
 * GET    /admin/audit/verify                                             admin                         Audit Log Used
 * GET    /admin/sites                                                    admin                         Query
 * GET    /api/research/findings                                          researcher admin              Query
 * GET    /api/research/cohort/counts                                     researcher admin              Query
 * GET    /api/research/cohort/export                                     researcher admin              Export
 * GET    /api/pseudonyms/patients/{pseudonym}                            radiologist                   Export
 * GET    /api/pseudonyms/studies/{study}                                 radiologist                   Export
 * GET    /v3/api-docs, /v3/api-docs.yaml (the OpenAPI 3 document)        radiologist researcher admin  -
 * POST   /dev-issuer/token (development issuer only; loopback callers)  public                        User Authentication
 * GET    /actuator/health, /actuator/health/**                           public                        -
 * any    /error (Spring's error dispatch)                                public                        -
 * anything else                                                          denied (401 without a token, 403 with one)
 * </pre>
 *
 * Refusals are audited by the security handlers whatever the endpoint: 401 as User Authentication, 403 as Security
 * Alert. Researchers get the same DICOMweb as radiologists (everything the archive holds is de-identified), but of
 * other studies: a radiologist sees the studies of their own site, a researcher those of the sites that consented to
 * research ({@link SiteAccess}). Pseudonym resolution is for radiologists only (of the pseudonym's site), and audited
 * as Export, like the research cohort export. The OpenAPI document needs a token of any role: it describes what
 * each role may call, which is no secret, but the endpoints of this deployment are nobody else's business.
 */
public final class EndpointPolicy {

    /**
     * One endpoint.
     *
     * @param method null for every method
     * @param path   a Spring path pattern, exactly as the controller maps it
     * @param roles  the realm roles admitted, any of them; empty for a public endpoint
     * @param audit  the audit event a handled request records; null for none
     */
    public record Endpoint(HttpMethod method, String path, Set<String> roles, AuditEventType audit) {

        public boolean isPublic() {
            return roles.isEmpty();
        }

        boolean matches(HttpServletRequest request) {
            return (method == null || method.matches(request.getMethod()))
                    && PATTERNS.parse(path).matches(PathContainer.parsePath(pathWithinApplication(request)));
        }
    }

    private static final PathPatternParser PATTERNS = PathPatternParser.defaultInstance;
    /** springdoc's default path of the OpenAPI 3 document (JSON). */
    public static final String OPENAPI_DOCUMENT = "/v3/api-docs";
    private static final String INSTANCE = "/dicomweb/studies/{study}/series/{series}/instances/{instance}";
    private static final Set<String> EVERY_ROLE = Set.of(Roles.RADIOLOGIST, Roles.RESEARCHER, Roles.ADMIN);
    /** Storing adds to what researchers see: radiologists and administrators only. */
    private static final Set<String> STORE = Set.of(Roles.RADIOLOGIST, Roles.ADMIN);
    private static final Set<String> ADMIN = Set.of(Roles.ADMIN);
    /** De-identified data of the consenting sites, for research; administrators too (they run the exports). */
    private static final Set<String> RESEARCH = Set.of(Roles.RESEARCHER, Roles.ADMIN);
    /**
     * Re-identification, and detection results (read and reviewed by the radiologists who report): radiologists,
     * never researchers (nor administrators: they run Vigie, not the care).
     */
    private static final Set<String> RADIOLOGIST = Set.of(Roles.RADIOLOGIST);
    private static final Set<String> PUBLIC = Set.of();

    public static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint(GET, "/dicomweb/studies", EVERY_ROLE, QUERY),
            new Endpoint(GET, "/dicomweb/series", EVERY_ROLE, QUERY),
            new Endpoint(GET, "/dicomweb/instances", EVERY_ROLE, QUERY),
            new Endpoint(GET, "/dicomweb/studies/{study}/series", EVERY_ROLE, QUERY),
            new Endpoint(GET, "/dicomweb/studies/{study}/instances", EVERY_ROLE, QUERY),
            new Endpoint(GET, "/dicomweb/studies/{study}/series/{series}/instances", EVERY_ROLE, QUERY),
            new Endpoint(GET, "/dicomweb/studies/{study}", EVERY_ROLE, DICOM_INSTANCES_ACCESSED),
            new Endpoint(GET, "/dicomweb/studies/{study}/series/{series}", EVERY_ROLE, DICOM_INSTANCES_ACCESSED),
            new Endpoint(GET, INSTANCE, EVERY_ROLE, DICOM_INSTANCES_ACCESSED),
            new Endpoint(GET, "/dicomweb/studies/{study}/metadata", EVERY_ROLE, DICOM_INSTANCES_ACCESSED),
            new Endpoint(GET, "/dicomweb/studies/{study}/series/{series}/metadata", EVERY_ROLE,
                    DICOM_INSTANCES_ACCESSED),
            new Endpoint(GET, INSTANCE + "/metadata", EVERY_ROLE, DICOM_INSTANCES_ACCESSED),
            new Endpoint(GET, INSTANCE + "/frames/{frames}", EVERY_ROLE, DICOM_INSTANCES_ACCESSED),
            new Endpoint(GET, INSTANCE + "/bulkdata/{tag}", EVERY_ROLE, DICOM_INSTANCES_ACCESSED),
            new Endpoint(GET, INSTANCE + "/rendered", EVERY_ROLE, DICOM_INSTANCES_ACCESSED),
            new Endpoint(GET, INSTANCE + "/frames/{frame}/rendered", EVERY_ROLE, DICOM_INSTANCES_ACCESSED),
            new Endpoint(POST, "/dicomweb/studies", STORE, IMPORT),
            new Endpoint(POST, "/dicomweb/studies/{study}", STORE, IMPORT),
            new Endpoint(GET, "/api/studies/{study}/findings", RADIOLOGIST, QUERY),
            new Endpoint(GET, "/api/series/{series}/analysis", RADIOLOGIST, QUERY),
            new Endpoint(POST, "/api/findings/{trackingUid}/review", RADIOLOGIST, PROCEDURE_RECORD),
            new Endpoint(GET, "/admin/quarantine", ADMIN, QUERY),
            new Endpoint(GET, "/admin/duplicate-conflicts", ADMIN, QUERY),
            new Endpoint(GET, "/admin/audit", ADMIN, AUDIT_LOG_USED),
            new Endpoint(GET, "/admin/audit/export", ADMIN, AUDIT_LOG_USED),
            new Endpoint(GET, "/admin/audit/verify", ADMIN, AUDIT_LOG_USED),
            new Endpoint(GET, "/admin/sites", ADMIN, QUERY),
            new Endpoint(GET, "/api/research/findings", RESEARCH, QUERY),
            new Endpoint(GET, "/api/research/cohort/counts", RESEARCH, QUERY),
            new Endpoint(GET, "/api/research/cohort/export", RESEARCH, EXPORT),
            new Endpoint(GET, "/api/pseudonyms/patients/{pseudonym}", RADIOLOGIST, EXPORT),
            new Endpoint(GET, "/api/pseudonyms/studies/{study}", RADIOLOGIST, EXPORT),
            new Endpoint(GET, OPENAPI_DOCUMENT, EVERY_ROLE, null),
            new Endpoint(GET, OPENAPI_DOCUMENT + ".yaml", EVERY_ROLE, null),
            new Endpoint(POST, DevIssuerController.TOKEN_PATH, PUBLIC, USER_AUTHENTICATION),
            new Endpoint(GET, "/actuator/health", PUBLIC, null),
            new Endpoint(GET, "/actuator/health/**", PUBLIC, null),
            new Endpoint(null, "/error", PUBLIC, null));

    private EndpointPolicy() {
    }

    /** The endpoint a request is for, the first that matches (as the security filter chain decides). */
    public static Optional<Endpoint> endpointFor(HttpServletRequest request) {
        return ENDPOINTS.stream().filter(endpoint -> endpoint.matches(request)).findFirst();
    }

    private static String pathWithinApplication(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }
}
