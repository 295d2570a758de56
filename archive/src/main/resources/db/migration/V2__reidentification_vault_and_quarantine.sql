-- The re-identification vault: the originals that de-identification replaced, AES-256-GCM sealed by the gateway.
-- Only ciphertext is stored here; the key never enters the database. Each value is sealed with its row
-- (site, kind, subject) as associated data, so a value copied to another row does not open.
create table reidentification_vault (
    site        text not null,
    -- which original: the PatientID or PatientName behind a patient pseudonym, or a study's AccessionNumber
    kind        text not null check (kind in ('patient_id', 'patient_name', 'accession_number')),
    -- the patient pseudonym (patient_id, patient_name) or the pseudonymous StudyInstanceUID (accession_number)
    subject     text not null,
    sealed      bytea not null,
    created_at  timestamptz not null default now(),
    primary key (site, kind, subject)
);

-- Instances the gateway refused for their content (unparseable, not de-identifiable, or needing a human: burned-in
-- text...). They are kept aside, identified as received, for an administrator: never archived, never dropped.
-- The file lies in the quarantine's own file store under storage_key; this row exists only once that file is durable.
create table quarantine (
    id                   bigint generated always as identity primary key,
    received_at          timestamptz not null default now(),
    calling_ae_title     text,
    reason               text not null,
    sop_class_uid        text,
    transfer_syntax_uid  text,
    storage_key          text not null,
    size_bytes           bigint not null,
    sha256               text not null,
    -- a re-sent identical item with the same reason is kept once
    constraint quarantine_content_reason_unique unique (sha256, reason)
);
create index quarantine_received_idx on quarantine (received_at);
