package io.vigie.dicomweb;

import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes a data set built by {@link DicomJson} in the Native DICOM Model (PS3.19 A.1), for clients that ask for
 * {@code application/dicom+xml}. It renders strings, numbers and sequences: what STOW-RS responses hold; person
 * names are not needed there and are refused.
 */
final class DicomXml {

    private static final String NAMESPACE = "http://dicom.nema.org/PS3.19/models/NativeDICOM";

    private DicomXml() {
    }

    static String write(Map<String, Object> dataSet) {
        StringWriter text = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(text);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("NativeDicomModel");
            xml.writeDefaultNamespace(NAMESPACE);
            attributes(xml, dataSet);
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write XML to a string", e);
        }
        return text.toString();
    }

    @SuppressWarnings("unchecked")
    private static void attributes(XMLStreamWriter xml, Map<String, Object> dataSet) throws XMLStreamException {
        for (Map.Entry<String, Object> entry : dataSet.entrySet()) {
            Map<String, Object> attribute = (Map<String, Object>) entry.getValue();
            String vr = (String) attribute.get("vr");
            xml.writeStartElement("DicomAttribute");
            xml.writeAttribute("tag", entry.getKey());
            xml.writeAttribute("vr", vr);
            List<Object> values = (List<Object>) attribute.getOrDefault("Value", List.of());
            for (int i = 0; i < values.size(); i++) {
                Object value = values.get(i);
                if (vr.equals("SQ")) {
                    xml.writeStartElement("Item");
                    xml.writeAttribute("number", String.valueOf(i + 1));
                    attributes(xml, (Map<String, Object>) value);
                } else if (value instanceof String || value instanceof Number) {
                    xml.writeStartElement("Value");
                    xml.writeAttribute("number", String.valueOf(i + 1));
                    xml.writeCharacters(value.toString());
                } else {
                    throw new IllegalArgumentException("no XML rendering for " + vr + " values");
                }
                xml.writeEndElement();
            }
            xml.writeEndElement();
        }
    }
}
