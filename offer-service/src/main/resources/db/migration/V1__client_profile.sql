-- Read model: what the decision pipeline needs to know of each client (from crm.client.events.v1).
create table client_profile (
    client_id               uuid primary key,
    client_type             text        not null,
    age_band                text        not null,
    consent_marketing_email boolean     not null,
    consent_marketing_sms   boolean     not null,
    consent_marketing_push  boolean     not null,
    consent_marketing_phone boolean     not null,
    consent_profiling       boolean     not null,
    registered_at           timestamptz not null,
    events_applied          integer     not null default 0,
    last_event_id           text        not null,
    updated_at              timestamptz not null
);
