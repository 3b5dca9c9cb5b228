-- Read model: what loyalty scoring needs to know of each client (from crm.client.events.v1).
create table client_profile (
    client_id      uuid primary key,
    client_type    text        not null,
    age_band       text        not null,
    customer_since date        not null,
    registered_at  timestamptz not null,
    events_applied integer     not null default 0,
    last_event_id  text        not null,
    updated_at     timestamptz not null
);
