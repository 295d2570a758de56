package io.vigie.archive.audit;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The trail as DICOM audit messages (PS3.15 A.5, the schema IHE ATNA repositories take): one {@code AuditMessage}
 * per row, inside an {@code AuditMessages} element (DICOM defines no container; a syslog sender would take the
 * messages one by one).
 *
 * <ul>
 *   <li>EventIdentification: the EventID (DCM code), action, time, outcome, the failure detail as
 *       EventOutcomeDescription; EventTypeCode Login for User Authentication, Use of Restricted Function for a
 *       Security Alert.</li>
 *   <li>ActiveParticipant: the requestor, UserID = the token's subject ({@code unknown} without a valid token),
 *       AlternativeUserID = the token's site, UserName = its user name, the client address as an IP address
 *       (NetworkAccessPointTypeCode 2), one RoleIDCode per Vigie role.</li>
 *   <li>AuditSourceIdentification: Vigie, at this site, an application server process (type 4).</li>
 *   <li>ParticipantObjectIdentification: the study (Study Instance UID, 110180) when the event concerns one;
 *       otherwise the request path as a URI, a query's parameters base64-encoded in ParticipantObjectQuery.</li>
 * </ul>
 */
public final class AuditMessageXml {

    private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();

    private final String auditSourceId;
    private final String enterpriseSiteId;

    /**
     * @param auditSourceId    this audit source, e.g. {@code vigie}
     * @param enterpriseSiteId the site Vigie runs at ({@code vigie.deidentification.site-id})
     */
    public AuditMessageXml(String auditSourceId, String enterpriseSiteId) {
        this.auditSourceId = auditSourceId;
        this.enterpriseSiteId = enterpriseSiteId;
    }

    public String write(List<AuditRecord> records) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = XML.createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("AuditMessages");
            for (AuditRecord record : records) {
                message(xml, record.event());
            }
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write audit messages", e);
        }
        return out.toString();
    }

    private void message(XMLStreamWriter xml, AuditEvent event) throws XMLStreamException {
        xml.writeStartElement("AuditMessage");

        xml.writeStartElement("EventIdentification");
        xml.writeAttribute("EventActionCode", event.type().actionCode());
        xml.writeAttribute("EventDateTime", DateTimeFormatter.ISO_INSTANT.format(event.occurredAt()));
        xml.writeAttribute("EventOutcomeIndicator", Integer.toString(event.outcome().code()));
        code(xml, "EventID", event.type().code(), "DCM", event.type().displayName());
        switch (event.type()) {
            case USER_AUTHENTICATION -> code(xml, "EventTypeCode", "110122", "DCM", "Login");
            case SECURITY_ALERT -> code(xml, "EventTypeCode", "110132", "DCM", "Use of Restricted Function");
            default -> { }
        }
        if (event.detail() != null) {
            xml.writeStartElement("EventOutcomeDescription");
            xml.writeCharacters(event.detail());
            xml.writeEndElement();
        }
        xml.writeEndElement();

        xml.writeStartElement("ActiveParticipant");
        xml.writeAttribute("UserID", event.subject() == null ? "unknown" : event.subject());
        optionalAttribute(xml, "AlternativeUserID", event.site());
        optionalAttribute(xml, "UserName", event.username());
        xml.writeAttribute("UserIsRequestor", "true");
        if (event.clientAddress() != null) {
            xml.writeAttribute("NetworkAccessPointID", event.clientAddress());
            xml.writeAttribute("NetworkAccessPointTypeCode", "2");
        }
        if (event.roles() != null && !event.roles().isBlank()) {
            for (String role : event.roles().split(",")) {
                code(xml, "RoleIDCode", role, "Vigie realm roles", role);
            }
        }
        xml.writeEndElement();

        xml.writeStartElement("AuditSourceIdentification");
        optionalAttribute(xml, "AuditEnterpriseSiteID", enterpriseSiteId);
        xml.writeAttribute("AuditSourceID", auditSourceId);
        code(xml, "AuditSourceTypeCode", "4", "DCM", "Application Server Process");
        xml.writeEndElement();

        participantObject(xml, event);
        xml.writeEndElement();
    }

    private static void participantObject(XMLStreamWriter xml, AuditEvent event) throws XMLStreamException {
        xml.writeStartElement("ParticipantObjectIdentification");
        if (event.studyInstanceUid() != null) {
            xml.writeAttribute("ParticipantObjectID", event.studyInstanceUid());
            xml.writeAttribute("ParticipantObjectTypeCode", "2"); // system object
            xml.writeAttribute("ParticipantObjectTypeCodeRole", "3"); // report
            code(xml, "ParticipantObjectIDTypeCode", "110180", "DCM", "Study Instance UID");
        } else {
            String target = event.request().substring(event.request().indexOf(' ') + 1);
            int query = target.indexOf('?');
            xml.writeAttribute("ParticipantObjectID", query < 0 ? target : target.substring(0, query));
            xml.writeAttribute("ParticipantObjectTypeCode", "2");
            // query, or security resource (the audit log, an endpoint refused)
            xml.writeAttribute("ParticipantObjectTypeCodeRole", event.type() == AuditEventType.QUERY ? "24" : "13");
            code(xml, "ParticipantObjectIDTypeCode", "12", "RFC-3881", "URI");
            if (event.type() == AuditEventType.QUERY) {
                xml.writeStartElement("ParticipantObjectQuery");
                String parameters = query < 0 ? "" : target.substring(query + 1);
                xml.writeCharacters(Base64.getEncoder().encodeToString(parameters.getBytes(StandardCharsets.UTF_8)));
                xml.writeEndElement();
            }
        }
        xml.writeEndElement();
    }

    private static void code(XMLStreamWriter xml, String element, String code, String system, String meaning)
            throws XMLStreamException {
        xml.writeEmptyElement(element);
        xml.writeAttribute("csd-code", code);
        xml.writeAttribute("codeSystemName", system);
        xml.writeAttribute("originalText", meaning);
    }

    private static void optionalAttribute(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        if (value != null && !value.isBlank()) {
            xml.writeAttribute(name, value);
        }
    }
}
