-- Plumbing tables every service has (shipped by crm-platform, location db/platform).
-- Versions 0.x run before the service's own V1.. migrations.

-- Transactional outbox: a service inserts its events here in the same transaction as its state change;
-- the relay publishes pending rows to Kafka in id order and stamps published_at.
create table outbox_event (
    id           bigserial primary key,
    event_id     uuid        not null unique,
    topic        text        not null,
    event_key    text        not null,
    event_type   text        not null,
    source       text        not null,
    subject      text,
    occurred_at  timestamptz not null,
    payload      jsonb       not null,
    extensions   jsonb       not null default '{}'::jsonb,
    created_at   timestamptz not null default now(),
    published_at timestamptz,
    attempts     integer     not null default 0,
    last_error   text
);
create index outbox_event_pending on outbox_event (id) where published_at is null;
create index outbox_event_published on outbox_event (published_at) where published_at is not null;

-- Wake the relay the moment a transaction that wrote events commits (NOTIFY is delivered on commit only).
create function outbox_event_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify('outbox_event', '');
    return null;
end $$;
create trigger outbox_event_inserted after insert on outbox_event
    for each statement execute function outbox_event_notify();

-- Inbox: the ce_id of every event a consumer applied, written in the same transaction as the effect.
create table inbox_event (
    consumer     text        not null,
    event_id     text        not null,
    event_type   text        not null,
    topic        text,
    kafka_partition integer,
    kafka_offset bigint,
    applied_at   timestamptz not null default now(),
    primary key (consumer, event_id)
);
create index inbox_event_applied on inbox_event (applied_at);
