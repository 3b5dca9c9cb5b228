alter table client add column erased_at timestamptz;

-- Every answer a client gave on a consent purpose: when, where from, and what. Never updated.
create table consent_change (
    id          bigserial primary key,
    client_id   uuid        not null references client (id),
    purpose     text        not null,
    granted     boolean     not null,
    source      text        not null,
    changed_at  timestamptz not null
);
create index consent_change_client on consent_change (client_id, changed_at);
