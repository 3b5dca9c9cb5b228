-- Ordering of events per client (issue 19). Runs after the services' own migrations on an existing database
-- (quarkus.flyway.out-of-order=true in the platform defaults): it touches only the platform's tables.

-- The last sequence this service gave an event of each client: the outbox stamps every event it appends with the
-- next one (CloudEvents extension "sequence") in the transaction of the state change. Kept apart from outbox_event,
-- whose published rows are purged, so a client's sequence never goes back.
create table client_sequence (
    client_id     text   primary key,
    last_sequence bigint not null
);

-- The newest sequence a consumer of state-carrying events applied per producer and client: an event whose sequence is
-- not above it is older than the state the consumer holds, and is skipped.
create table applied_sequence (
    consumer  text   not null,
    source    text   not null,
    client_id text   not null,
    sequence  bigint not null,
    primary key (consumer, source, client_id)
);
