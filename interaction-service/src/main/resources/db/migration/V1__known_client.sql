-- Read model: the clients client-service registered (from crm.client.events.v1).
create table known_client (
    client_id      uuid primary key,
    client_type    text        not null,
    registered_at  timestamptz not null,
    events_applied integer     not null default 0,
    last_event_id  text        not null,
    updated_at     timestamptz not null
);
