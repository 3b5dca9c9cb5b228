-- Full recomputations of all clients' scores (after a configuration change), with their progress.
create table recomputation (
    id             uuid primary key,
    status         text        not null,
    total          bigint      not null,
    done           bigint      not null default 0,
    last_client_id uuid,
    requested_at   timestamptz not null,
    finished_at    timestamptz,
    failure        text
);
