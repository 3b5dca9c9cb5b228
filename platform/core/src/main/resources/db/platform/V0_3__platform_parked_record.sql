-- Records that came for a client this service does not know yet (its registration travels on another topic and may
-- come later), kept as they came: the service applies them, in arrival order, in the transaction that makes the
-- client known; the platform's sweep sends those still waiting at expires_at (or given up: dead_reason) to
-- <topic>.dlq with the reason. Not named parked_event: loyalty-service has had a table of that name since its V2,
-- and a platform migration runs before it on a new database.
create table parked_record (
    id              bigserial   primary key,
    consumer        text        not null,
    client_id       text        not null,
    -- what the consumer recognises a record sent again by (e.g. a touchpoint id); null when it needs none
    natural_key     text,
    topic           text        not null,
    kafka_partition integer     not null,
    kafka_offset    bigint      not null,
    -- the record's CloudEvents headers as a JSON object, and its value: dead-lettered unchanged
    headers         text        not null,
    data            text        not null,
    parked_at       timestamptz not null,
    expires_at      timestamptz not null,
    dead_reason     text
);
create index parked_record_client on parked_record (client_id, id);
create index parked_record_expiry on parked_record (expires_at);
create unique index parked_record_natural_key on parked_record (consumer, natural_key) where natural_key is not null;
