-- WADO-RS metadata (PS3.18 F.2): the DICOM JSON of each instance, encoded once from its file and kept here, so that
-- the metadata of a series is one indexed read instead of parsing every file of the series again.
-- Bulk data URIs are stored relative to the DICOMweb base URL, which is added when the JSON is served.

create table instance_metadata (
    instance_fk  bigint primary key references instance (pk) on delete cascade,
    dicom_json   text not null
);
