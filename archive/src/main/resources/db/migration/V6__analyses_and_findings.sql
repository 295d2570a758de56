-- Detection results. One analysis per (series, model, model version): re-running a job for the same series and
-- model version replaces nothing and adds nothing (idempotent). A series the detector cannot analyse (missing slices,
-- mixed orientations, not CT, scout) gets an analysis with status 'not_analysable' and its reason, never silence.
-- sr/seg_sop_instance_uid name the DICOM SR (TID 1500) and Segmentation stored back in the archive for this analysis.
create table analysis (
    id                    bigint generated always as identity primary key,
    series_fk             bigint not null references series (pk),
    series_revision       integer not null,
    model_name            text not null,
    model_version         text not null,
    status                text not null check (status in ('analysed', 'not_analysable')),
    reason                text,
    sr_sop_instance_uid   text,
    seg_sop_instance_uid  text,
    timings_ms            jsonb,
    created_at            timestamptz not null default now(),
    constraint analysis_once_per_series_model unique (series_fk, model_name, model_version),
    constraint analysis_reason_when_not_analysable check ((status = 'not_analysable') = (reason is not null))
);
create index analysis_series_idx on analysis (series_fk);

-- One row per finding of an analysis, in patient coordinates (mm). tracking_uid / tracking_id are the TID 1500
-- Tracking Unique Identifier and Tracking Identifier of its measurement group in the SR. review_status is the
-- radiologist's decision (pending until confirmed or rejected).
create table finding (
    id               bigint generated always as identity primary key,
    analysis_fk      bigint not null references analysis (id) on delete cascade,
    tracking_uid     text not null unique,
    tracking_id      text not null,
    lesion_type      text not null default 'nodule',
    centre_x_mm      double precision not null,
    centre_y_mm      double precision not null,
    centre_z_mm      double precision not null,
    diameter_mm      double precision not null check (diameter_mm > 0),
    volume_mm3       double precision not null check (volume_mm3 > 0),
    probability      double precision not null check (probability between 0 and 1),
    review_status    text not null default 'pending' check (review_status in ('pending', 'confirmed', 'rejected')),
    reviewed_by      text,
    reviewed_at      timestamptz,
    created_at       timestamptz not null default now()
);
create index finding_analysis_idx on finding (analysis_fk);
create index finding_diameter_idx on finding (diameter_mm);

-- A radiologist's review of a finding is audited as a DICOM "Procedure Record" event (DCM 110111, action U).
alter table audit_event drop constraint audit_event_event_type_check;
alter table audit_event add constraint audit_event_event_type_check
    check (event_type in ('DICOM Instances Accessed', 'Import', 'Query', 'User Authentication', 'Export',
                          'Security Alert', 'Audit Log Used', 'Procedure Record'));
