"""Reads Vigie's SR and SEG back with pydicom and prints what a third-party reader finds in them, as JSON.

Usage: python3 read_outputs.py SR_FILE SEG_FILE
"""
import json
import sys

import numpy
import pydicom


def concept(item):
    code = item.ConceptNameCodeSequence[0]
    return code.CodingSchemeDesignator + ":" + code.CodeValue


def children(item):
    return list(item.get("ContentSequence", []))


def child(item, key):
    found = [c for c in children(item) if "ConceptNameCodeSequence" in c and concept(c) == key]
    if len(found) != 1:
        raise SystemExit("expected one %s under %s, found %d" % (key, concept(item), len(found)))
    return found[0]


def code_value(item):
    code = item.ConceptCodeSequence[0]
    return code.CodingSchemeDesignator + ":" + code.CodeValue


def group(item):
    numbers = {}
    for c in children(item):
        if c.ValueType == "NUM":
            value = c.MeasuredValueSequence[0]
            numbers[concept(c)] = [float(value.NumericValue), value.MeasurementUnitsCodeSequence[0].CodeValue]
    centre = child(item, "DCM:111010")
    segment = child(item, "DCM:121191").ReferencedSOPSequence[0]
    return {
        "trackingId": child(item, "DCM:112039").TextValue,
        "trackingUid": child(item, "DCM:112040").UID,
        "finding": code_value(child(item, "DCM:121071")),
        "findingSite": code_value(child(item, "SCT:363698007")),
        "algorithmName": child(item, "DCM:111001").TextValue,
        "algorithmVersion": child(item, "DCM:111003").TextValue,
        "numbers": numbers,
        "centre": [float(v) for v in centre.GraphicData],
        "centreType": centre.GraphicType,
        "centreFrameOfReference": centre.ReferencedFrameOfReferenceUID,
        "segmentSop": segment.ReferencedSOPInstanceUID,
        "segmentNumber": int(segment.ReferencedSegmentNumber),
    }


def read_sr(path):
    sr = pydicom.dcmread(path)
    measurements = child(sr, "DCM:126010")
    library = child(child(sr, "DCM:111028"), "DCM:126200")
    evidence = [i.ReferencedSOPInstanceUID
                for study in sr.CurrentRequestedProcedureEvidenceSequence
                for series in study.ReferencedSeriesSequence
                for i in series.ReferencedSOPSequence]
    return {
        "sopClassUid": sr.SOPClassUID,
        "studyUid": sr.StudyInstanceUID,
        "seriesUid": sr.SeriesInstanceUID,
        "patientId": sr.PatientID,
        "template": sr.ContentTemplateSequence[0].TemplateIdentifier,
        "title": concept(sr),
        "imageLibrary": [i.ReferencedSOPSequence[0].ReferencedSOPInstanceUID for i in children(library)],
        "evidence": evidence,
        "groups": [group(g) for g in children(measurements) if concept(g) == "DCM:125007"],
    }


def read_seg(path):
    seg = pydicom.dcmread(path)
    pixels = seg.pixel_array
    if seg.NumberOfFrames == 1:
        pixels = pixels[numpy.newaxis]
    frames = []
    voxels = {}
    for index, item in enumerate(seg.PerFrameFunctionalGroupsSequence):
        number = int(item.SegmentIdentificationSequence[0].ReferencedSegmentNumber)
        source = item.DerivationImageSequence[0].SourceImageSequence[0]
        frames.append({
            "segment": number,
            "sourceSop": source.ReferencedSOPInstanceUID,
            "position": [float(v) for v in item.PlanePositionSequence[0].ImagePositionPatient],
            "voxels": int(pixels[index].sum()),
        })
        voxels[number] = voxels.get(number, 0) + int(pixels[index].sum())
    return {
        "sopClassUid": seg.SOPClassUID,
        "studyUid": seg.StudyInstanceUID,
        "seriesUid": seg.SeriesInstanceUID,
        "patientId": seg.PatientID,
        "frameOfReference": seg.FrameOfReferenceUID,
        "segmentationType": seg.SegmentationType,
        "numberOfFrames": int(seg.NumberOfFrames),
        "pixelShape": list(pixels.shape),
        "segments": [{"number": int(s.SegmentNumber), "label": s.SegmentLabel, "trackingUid": s.TrackingUID,
                      "type": s.SegmentedPropertyTypeCodeSequence[0].CodeValue,
                      "voxels": voxels.get(int(s.SegmentNumber), 0)} for s in seg.SegmentSequence],
        "frames": frames,
    }


print(json.dumps({"sr": read_sr(sys.argv[1]), "seg": read_seg(sys.argv[2])}))
