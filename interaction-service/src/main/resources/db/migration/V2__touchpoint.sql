-- Touchpoints with their experience record. notes and employee_id are the only personal data; erasure
-- clears them and keeps the rest, which the metrics and journeys need.
create table touchpoint (
    id             uuid primary key,
    client_id      uuid        not null,
    occurred_at    timestamptz not null,
    channel        text        not null,
    type           text        not null,
    initiator      text        not null,
    need           text        not null,
    outcome        text        not null,
    valence        text        not null,
    cause          text,
    cause_detail   text,
    csat           integer check (csat between 1 and 5),
    nps            integer check (nps between 0 and 10),
    employee_id    text,
    notes          text check (length(notes) <= 4000),
    journey_id     uuid,
    repeat_contact boolean     not null default false,
    origin         text        not null,
    recorded_at    timestamptz not null,
    erased_at      timestamptz
);
-- the timeline: one client's touchpoints newest first
create index touchpoint_client_timeline on touchpoint (client_id, occurred_at desc, id desc);

alter table known_client add column erased_at timestamptz;

-- Kafka touchpoints of clients not known yet, waiting for crm.client.registered (or the DLQ once
-- expires_at has passed). payload and headers are the record as it came, to dead-letter it unchanged.
create table parked_touchpoint (
    touchpoint_id   uuid primary key,
    client_id       uuid        not null,
    payload         text        not null,
    headers         text        not null,
    topic           text        not null,
    kafka_partition integer     not null,
    kafka_offset    bigint      not null,
    parked_at       timestamptz not null,
    expires_at      timestamptz not null,
    dead_reason     text
);
create index parked_touchpoint_client on parked_touchpoint (client_id);
create index parked_touchpoint_expiry on parked_touchpoint (expires_at);
