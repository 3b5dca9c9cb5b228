-- Journeys: one need of one client across its contacts (see JourneyRules).
create table journey (
    id                       uuid primary key,
    client_id                uuid        not null,
    need                     text        not null,
    status                   text        not null,
    started_at               timestamptz not null,
    last_contact_at          timestamptz not null,
    closed_at                timestamptz,
    contacts                 integer     not null,
    first_channel            text        not null,
    resolved_by_channel      text,
    resolved_by_type         text,
    first_contact_resolution boolean     not null default false,
    repeat_of                uuid
);
-- at most one open journey per client and need
create unique index journey_open on journey (client_id, need) where status = 'OPEN';
create index journey_client on journey (client_id, started_at desc);
create index journey_resolved on journey (client_id, need, closed_at desc) where status = 'RESOLVED';
-- the sweep that closes journeys nobody came back to
create index journey_open_since on journey (last_contact_at) where status = 'OPEN';
