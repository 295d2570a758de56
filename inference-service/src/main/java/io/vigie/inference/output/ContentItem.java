package io.vigie.inference.output;

import io.vigie.dicom.DataSetBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One node of an SR content tree (PS3.3 C.17.3): its relationship to its parent, value type, concept name, value
 * and children. Built bottom-up, then written as nested Content Sequence items.
 */
final class ContentItem {

    private final String relationship;
    private final String valueType;
    private final Code concept;
    private final Consumer<DataSetBuilder> value;
    private final List<ContentItem> children = new ArrayList<>();

    private ContentItem(String relationship, String valueType, Code concept, Consumer<DataSetBuilder> value) {
        this.relationship = relationship;
        this.valueType = valueType;
        this.concept = concept;
        this.value = value;
    }

    static ContentItem container(String relationship, Code concept) {
        return new ContentItem(relationship, "CONTAINER", concept, item -> item.set("ContinuityOfContent",
                "SEPARATE"));
    }

    static ContentItem text(String relationship, Code concept, String text) {
        return new ContentItem(relationship, "TEXT", concept, item -> item.set("TextValue", text));
    }

    static ContentItem code(String relationship, Code concept, Code code) {
        return new ContentItem(relationship, "CODE", concept, item -> item.sequence("ConceptCodeSequence",
                code.item()));
    }

    static ContentItem uid(String relationship, Code concept, String uid) {
        return new ContentItem(relationship, "UIDREF", concept, item -> item.set("UID", uid));
    }

    static ContentItem number(String relationship, Code concept, double number, Code unit) {
        return new ContentItem(relationship, "NUM", concept, item -> item.sequence("MeasuredValueSequence",
                new DataSetBuilder()
                        .sequence("MeasurementUnitsCodeSequence", unit.item())
                        .numbers("NumericValue", number)));
    }

    /** An IMAGE reference; a concept name is optional for images (null: none). */
    static ContentItem image(String relationship, Code concept, String sopClassUid, String sopInstanceUid,
            Integer segmentNumber) {
        return new ContentItem(relationship, "IMAGE", concept, item -> {
            DataSetBuilder reference = new DataSetBuilder()
                    .set("ReferencedSOPClassUID", sopClassUid)
                    .set("ReferencedSOPInstanceUID", sopInstanceUid);
            if (segmentNumber != null) {
                reference.numbers("ReferencedSegmentNumber", segmentNumber);
            }
            item.sequence("ReferencedSOPSequence", reference);
        });
    }

    /** A 3-D point in the patient coordinate system of a frame of reference (mm). */
    static ContentItem point(String relationship, Code concept, double[] point, String frameOfReferenceUid) {
        return new ContentItem(relationship, "SCOORD3D", concept, item -> item
                .set("GraphicType", "POINT")
                .numbers("GraphicData", point)
                .set("ReferencedFrameOfReferenceUID", frameOfReferenceUid));
    }

    ContentItem add(ContentItem child) {
        children.add(child);
        return this;
    }

    /** The item in a Content Sequence. */
    DataSetBuilder item() {
        DataSetBuilder item = new DataSetBuilder().set("RelationshipType", relationship);
        writeInto(item);
        return item;
    }

    /** This node's attributes into {@code target}: for the root, that is the document's own data set. */
    void writeInto(DataSetBuilder target) {
        target.set("ValueType", valueType);
        if (concept != null) {
            target.sequence("ConceptNameCodeSequence", concept.item());
        }
        value.accept(target);
        if (!children.isEmpty()) {
            target.sequence("ContentSequence", children.stream().map(ContentItem::item).toList());
        }
    }
}
