-- Runs of the recomputation of every live client's value (monthly by schedule, or asked for by hand):
-- pages of clients in id order, each page one transaction with its value changes, their outbox events and
-- the progress here; last_client_id lets a run taken up after a restart go on where it stopped.
create table value_recomputation (
    id             uuid primary key,
    trigger        text        not null,
    status         text        not null,
    total          bigint      not null default 0,
    done           bigint      not null default 0,
    changed        bigint      not null default 0,
    last_client_id uuid,
    error          text,
    requested_at   timestamptz not null,
    started_at     timestamptz,
    finished_at    timestamptz
);
create index value_recomputation_requested on value_recomputation (requested_at desc);
-- at most one run waiting or running at a time, whoever asks
create unique index value_recomputation_one_active on value_recomputation ((true)) where status in ('PENDING', 'RUNNING');
