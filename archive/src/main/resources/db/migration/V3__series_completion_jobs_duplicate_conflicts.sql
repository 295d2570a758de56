-- Series completion: a series is complete once no instance has arrived in it for a quiet period
-- (series.last_instance_at, V1). Its revision counts the instances indexed in it, bumped in the same transaction as
-- each instance row; the monitor announces a complete series by creating its jobs for the current revision and
-- recording that revision in announced_revision. A series that grows again is announced again, at its new revision.
alter table series add column revision integer not null default 0;
alter table series add column announced_revision integer not null default 0;

-- Series archived before this migration count as announced: an upgrade must not queue the whole archive's history
-- for detection (re-analysing old series is a deliberate backfill, not a side effect of a schema change).
update series se
   set revision = counted.instances, announced_revision = counted.instances
  from (select series_fk, count(*)::integer as instances from instance group by series_fk) counted
 where counted.series_fk = se.pk;

-- What the monitor scans: only series with something left to announce, oldest arrival first.
create index series_unannounced_idx on series (last_instance_at) where announced_revision < revision;

-- Work queue. One job per (kind, series, revision): the unique constraint makes creation idempotent across
-- monitors running in several processes. Workers claim with SELECT ... FOR UPDATE SKIP LOCKED.
-- States: queued (created, never tried); running (claimed by locked_by at locked_at, its lease); failed (tried and
-- failed, claimable again from not_before); done (finished); dead (failed max_attempts times, last_error says why).
create table job (
    id               bigint generated always as identity primary key,
    kind             text not null,
    series_fk        bigint not null references series (pk),
    series_revision  integer not null,
    state            text not null default 'queued'
                     check (state in ('queued', 'running', 'done', 'failed', 'dead')),
    attempts         integer not null default 0,
    max_attempts     integer not null check (max_attempts > 0),
    not_before       timestamptz not null,
    locked_by        text,
    locked_at        timestamptz,
    last_error       text,
    created_at       timestamptz not null,
    updated_at       timestamptz not null,
    constraint job_once_per_series_revision unique (kind, series_fk, series_revision),
    -- a job is locked exactly while it runs
    constraint job_locked_while_running check ((state = 'running') = (locked_by is not null and locked_at is not null))
);
create index job_claimable_idx on job (kind, not_before, id) where state in ('queued', 'failed');
create index job_running_idx on job (kind, locked_at) where state = 'running';
create index job_series_idx on job (series_fk);

-- An instance received again under an archived SOP Instance UID with other content. One row per distinct received
-- content, counting how often it came; what the archive did is the duplicate policy's action.
create table duplicate_conflict (
    id                   bigint generated always as identity primary key,
    sop_instance_uid     text not null,
    study_instance_uid   text not null,
    series_instance_uid  text not null,
    stored_sha256        text not null,
    received_sha256      text not null,
    received_size_bytes  bigint not null,
    calling_ae_title     text,
    action               text not null check (action in ('kept_first', 'rejected')),
    occurrences          integer not null default 1,
    first_seen_at        timestamptz not null default now(),
    last_seen_at         timestamptz not null default now(),
    constraint duplicate_conflict_once_per_content unique (sop_instance_uid, received_sha256)
);
create index duplicate_conflict_last_seen_idx on duplicate_conflict (last_seen_at);
