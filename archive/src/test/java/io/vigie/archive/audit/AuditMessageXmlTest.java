package io.vigie.archive.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class AuditMessageXmlTest {

    private static final Instant AT = Instant.parse("2026-03-01T08:00:00.123456Z");
    private final XPath xpath = XPathFactory.newInstance().newXPath();

    @Test
    void writesAnInstancesAccessedMessageWithTheStudyAsParticipantObject() throws Exception {
        AuditEvent access = new AuditEvent(AT, AuditEventType.DICOM_INSTANCES_ACCESSED, AuditOutcome.SUCCESS,
                "3f1c-sub", "researcher-1", "researcher", "research", "127.0.0.1", "GET /dicomweb/studies/2.25.9",
                "2.25.9", 200, null);

        Document xml = parse(new AuditMessageXml("vigie", "site-a").write(List.of(record(access))));

        assertThat(text(xml, "count(/AuditMessages/AuditMessage)")).isEqualTo("1");
        String message = "/AuditMessages/AuditMessage[1]";
        assertThat(text(xml, message + "/EventIdentification/@EventActionCode")).isEqualTo("R");
        assertThat(text(xml, message + "/EventIdentification/@EventDateTime")).isEqualTo("2026-03-01T08:00:00.123456Z");
        assertThat(text(xml, message + "/EventIdentification/@EventOutcomeIndicator")).isEqualTo("0");
        assertThat(text(xml, message + "/EventIdentification/EventID/@csd-code")).isEqualTo("110103");
        assertThat(text(xml, message + "/EventIdentification/EventID/@codeSystemName")).isEqualTo("DCM");
        assertThat(text(xml, message + "/EventIdentification/EventID/@originalText"))
                .isEqualTo("DICOM Instances Accessed");
        assertThat(text(xml, message + "/ActiveParticipant/@UserID")).isEqualTo("3f1c-sub");
        assertThat(text(xml, message + "/ActiveParticipant/@UserName")).isEqualTo("researcher-1");
        assertThat(text(xml, message + "/ActiveParticipant/@AlternativeUserID")).isEqualTo("research");
        assertThat(text(xml, message + "/ActiveParticipant/@NetworkAccessPointID")).isEqualTo("127.0.0.1");
        assertThat(text(xml, message + "/ActiveParticipant/RoleIDCode/@csd-code")).isEqualTo("researcher");
        assertThat(text(xml, message + "/AuditSourceIdentification/@AuditSourceID")).isEqualTo("vigie");
        assertThat(text(xml, message + "/AuditSourceIdentification/@AuditEnterpriseSiteID")).isEqualTo("site-a");
        assertThat(text(xml, message + "/ParticipantObjectIdentification/@ParticipantObjectID")).isEqualTo("2.25.9");
        assertThat(text(xml, message + "/ParticipantObjectIdentification/ParticipantObjectIDTypeCode/@csd-code"))
                .isEqualTo("110180");
    }

    @Test
    void writesQueriesRefusalsAndEscapesWhatCallersChose() throws Exception {
        AuditEvent query = new AuditEvent(AT, AuditEventType.QUERY, AuditOutcome.SUCCESS, "s", null, "admin",
                null, "::1", "GET /dicomweb/studies?PatientID=VG*&x=<&>", null, 200, null);
        AuditEvent refused = new AuditEvent(AT, AuditEventType.USER_AUTHENTICATION, AuditOutcome.MINOR_FAILURE,
                null, null, null, null, "127.0.0.1", "GET /admin/audit", null, 401, "Jwt expired \"at\" <now>");
        AuditEvent forbidden = new AuditEvent(AT, AuditEventType.SECURITY_ALERT, AuditOutcome.MINOR_FAILURE,
                "s", null, "researcher", null, "127.0.0.1", "GET /admin/quarantine", null, 403, "needs admin");

        Document xml = parse(new AuditMessageXml("vigie", "local").write(
                List.of(record(query), record(refused), record(forbidden))));

        assertThat(text(xml, "/AuditMessages/AuditMessage[1]/EventIdentification/EventID/@csd-code"))
                .isEqualTo("110112");
        assertThat(text(xml, "/AuditMessages/AuditMessage[1]/ParticipantObjectIdentification/@ParticipantObjectID"))
                .isEqualTo("/dicomweb/studies");
        String encodedQuery = text(xml,
                "/AuditMessages/AuditMessage[1]/ParticipantObjectIdentification/ParticipantObjectQuery");
        assertThat(new String(Base64.getDecoder().decode(encodedQuery), StandardCharsets.UTF_8))
                .isEqualTo("PatientID=VG*&x=<&>");
        assertThat(text(xml, "/AuditMessages/AuditMessage[2]/EventIdentification/EventID/@csd-code"))
                .isEqualTo("110114");
        assertThat(text(xml, "/AuditMessages/AuditMessage[2]/EventIdentification/EventTypeCode/@csd-code"))
                .isEqualTo("110122");
        assertThat(text(xml, "/AuditMessages/AuditMessage[2]/EventIdentification/@EventOutcomeIndicator"))
                .isEqualTo("4");
        assertThat(text(xml, "/AuditMessages/AuditMessage[2]/EventIdentification/EventOutcomeDescription"))
                .isEqualTo("Jwt expired \"at\" <now>");
        assertThat(text(xml, "/AuditMessages/AuditMessage[2]/ActiveParticipant/@UserID")).isEqualTo("unknown");
        assertThat(text(xml, "/AuditMessages/AuditMessage[3]/EventIdentification/EventID/@csd-code"))
                .isEqualTo("110113");
        assertThat(text(xml, "/AuditMessages/AuditMessage[3]/EventIdentification/EventTypeCode/@originalText"))
                .isEqualTo("Use of Restricted Function");
    }

    private static AuditRecord record(AuditEvent event) {
        return new AuditRecord(1, event, AuditChain.GENESIS, AuditChain.hash(AuditChain.GENESIS, 1, event));
    }

    private static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private String text(Document xml, String expression) throws Exception {
        return xpath.evaluate(expression, xml);
    }
}
