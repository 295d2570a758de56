-- The archive index: one row per patient, study, series and instance, holding the attributes QIDO-RS matches on.
-- Every value here is already de-identified (patient_id is a keyed pseudonym, UIDs are remapped).

create table patient (
    pk            bigint generated always as identity primary key,
    patient_id    text not null unique,
    patient_name  text,
    patient_sex   text,
    created_at    timestamptz not null default now()
);

create table study (
    pk                  bigint generated always as identity primary key,
    patient_fk          bigint not null references patient (pk),
    study_instance_uid  text not null unique,
    study_date          date,
    study_time          text,
    accession_number    text,
    study_id            text,
    study_description   text,
    created_at          timestamptz not null default now()
);
create index study_patient_idx on study (patient_fk);
create index study_date_idx on study (study_date);

create table series (
    pk                   bigint generated always as identity primary key,
    study_fk             bigint not null references study (pk),
    series_instance_uid  text not null unique,
    modality             text,
    series_number        integer,
    series_description   text,
    created_at           timestamptz not null default now(),
    last_instance_at     timestamptz not null default now()
);
create index series_study_idx on series (study_fk);
create index series_modality_idx on series (modality);

create table instance (
    pk                   bigint generated always as identity primary key,
    series_fk            bigint not null references series (pk),
    sop_instance_uid     text not null unique,
    sop_class_uid        text not null,
    instance_number      integer,
    transfer_syntax_uid  text not null,
    storage_key          text not null,
    size_bytes           bigint not null,
    sha256               text not null,
    received_at          timestamptz not null default now()
);
create index instance_series_idx on instance (series_fk);
