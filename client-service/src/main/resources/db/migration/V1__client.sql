create table client (
    id                       uuid primary key,
    external_ref             text        not null,
    type                     text        not null,
    full_name                text        not null,
    birth_date               date,
    email                    text,
    phone                    text,
    income_bracket           text,
    customer_since           date        not null,
    consent_marketing_email  boolean     not null default false,
    consent_marketing_sms    boolean     not null default false,
    consent_marketing_push   boolean     not null default false,
    consent_marketing_phone  boolean     not null default false,
    consent_profiling        boolean     not null default false,
    created_at               timestamptz not null,
    updated_at               timestamptz not null,
    constraint client_external_ref_unique unique (external_ref)
);
