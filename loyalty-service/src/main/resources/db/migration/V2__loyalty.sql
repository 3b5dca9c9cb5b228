-- Incremental state per client: counters and decayed sums updated per event (see ClientProfile).
alter table client_profile
    add column segments                text             not null default ',',
    add column value_quadrant          text,
    add column held_product_types      text             not null default '',
    add column products_closed         integer          not null default 0,
    add column financials              text             not null default '',
    add column interactions            integer          not null default 0,
    add column complaints_total        integer          not null default 0,
    add column open_complaints         text             not null default '',
    add column latest_nps              integer,
    add column previous_nps            integer,
    add column latest_nps_at           timestamptz,
    add column last_activity_at        timestamptz,
    add column decay_as_of             timestamptz,
    add column client_initiated_weight double precision not null default 0,
    add column closure_weight          double precision not null default 0,
    add column complaint_weight        double precision not null default 0,
    add column bank_negative_weight    double precision not null default 0,
    add column positive_weight         double precision not null default 0,
    add column failure_demand_weight   double precision not null default 0,
    add column csat_weight             double precision not null default 0,
    add column csat_sum                double precision not null default 0;

-- The current score of each client, with its factors (JSON) and basis.
create table loyalty_score (
    client_id           uuid primary key,
    behavioural         double precision not null,
    perceived           double precision not null,
    loyalty_type        text             not null,
    churn_risk          double precision not null,
    factors             text             not null,
    basis_interactions  integer          not null,
    basis_products      integer          not null,
    basis_months        integer          not null,
    trigger_event_type  text             not null,
    trigger_event_id    text             not null,
    updated_at          timestamptz      not null
);

-- Each change of a client's scores.
create table score_change (
    id                 bigserial primary key,
    client_id          uuid             not null,
    behavioural        double precision not null,
    perceived          double precision not null,
    loyalty_type       text             not null,
    churn_risk         double precision not null,
    trigger_event_type text             not null,
    trigger_event_id   text             not null,
    changed_at         timestamptz      not null
);
create index score_change_client on score_change (client_id, id);

-- Events of clients not known yet, applied in order when crm.client.registered arrives.
create table parked_event (
    id              bigserial primary key,
    client_id       uuid        not null,
    event_id        text        not null,
    event_type      text        not null,
    source          text        not null,
    event_time      timestamptz not null,
    extensions      text        not null,
    data            text        not null,
    topic           text        not null,
    kafka_partition integer     not null,
    kafka_offset    bigint      not null,
    parked_at       timestamptz not null
);
create index parked_event_client on parked_event (client_id, id);

-- Clients erased (crm.client.erased): their later events are ignored instead of parked. Only the id is kept.
create table erased_client (
    client_id uuid primary key,
    erased_at timestamptz not null
);
