-- The churn model learnt online (one row: the posterior over the coefficients, versioned), its observations
-- (each scored before it was learnt from, for AUC, Brier score and reliability) and the clients who left.
create table churn_model (
    id int primary key,
    version bigint not null,
    features text not null,
    mean text not null,
    precision text not null,
    positives bigint not null,
    negatives bigint not null,
    updated_at timestamptz not null
);

create table churn_observation (
    id bigserial primary key,
    client_id uuid not null,
    snapshot_at timestamptz not null,
    predicted double precision not null,
    left_bank boolean not null,
    model_version bigint not null,
    observed_at timestamptz not null
);
create index churn_observation_client on churn_observation (client_id, snapshot_at);

create table client_left (
    client_id uuid primary key,
    left_at timestamptz not null,
    reason text not null,
    returned_at timestamptz
);
