-- The audit trail: every access to images, every query, every admin read, every refused token or role, as DICOM
-- PS3.15 A.5 / IHE ATNA events (event_type is the EventID's code meaning). Who: subject, username, roles, site,
-- client_address; what: event_type and request; the object: study_instance_uid; when: occurred_at; outcome: the
-- EventOutcomeIndicator (0 success, 4 minor failure, 8 serious failure, 12 major failure) and the HTTP status.
--
-- Append-only and hash-chained: id counts 1, 2, 3... in chain order and each row stores
-- hash = sha256(previous_hash || canonical row) (io.vigie.archive.audit.AuditChain), so an edited row no longer
-- matches its hash and a deleted one leaves a gap; AuditChainVerifier reports the first of either.
create table audit_event (
    id                  bigint primary key,
    occurred_at         timestamptz not null,
    event_type          text not null check (event_type in ('DICOM Instances Accessed', 'Import', 'Query',
                                                            'User Authentication', 'Export', 'Security Alert',
                                                            'Audit Log Used')),
    outcome             smallint not null check (outcome in (0, 4, 8, 12)),
    subject             text,
    username            text,
    roles               text,
    site                text,
    client_address      text,
    request             text not null,
    study_instance_uid  text,
    http_status         integer,
    detail              text,
    previous_hash       text not null,
    hash                text not null
);
create index audit_event_occurred_idx on audit_event (occurred_at);
create index audit_event_study_idx on audit_event (study_instance_uid) where study_instance_uid is not null;

-- The end of the chain, one row. Appenders in every process take it FOR UPDATE, insert row last_id + 1 chained to
-- last_hash, and move it, in one transaction: appends are serialised and the chain never forks. It also records
-- the last row, so rows deleted from the end are noticed too.
create table audit_chain_head (
    singleton  boolean primary key default true check (singleton),
    last_id    bigint not null,
    last_hash  text not null
);
insert into audit_chain_head (last_id, last_hash) values (0, repeat('0', 64));

-- Rows are never changed: refused here even for the table's owner, who in the embedded default run is also the
-- role Vigie uses. In production Vigie connects as a role of its own that never had UPDATE, DELETE or TRUNCATE on
-- audit_event (see docs/architecture.md, "Audit trail"); a superuser can still disable this trigger, which is what
-- the hash chain is for.
create function audit_event_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_event is append-only: % refused', tg_op;
end
$$;
create trigger audit_event_append_only before update or delete or truncate on audit_event
    for each statement execute function audit_event_append_only();
