-- Products a client holds or held: closing sets closed_at, the row stays (history).
create table held_product (
    id          uuid primary key,
    client_id   uuid          not null references client (id),
    type        text          not null,
    opened_at   date          not null,
    closed_at   date,
    balance     numeric(16,2),
    created_at  timestamptz   not null,
    updated_at  timestamptz   not null
);
create index held_product_client on held_product (client_id, opened_at);
create index held_product_open_by_type on held_product (type, client_id) where closed_at is null;

-- One row per client and month; a second post for the month replaces the figures.
create table monthly_financials (
    client_id          uuid          not null references client (id),
    month              date          not null, -- first day of the month
    revenue            numeric(16,2) not null,
    cost_to_serve      numeric(16,2) not null,
    average_balance    numeric(16,2) not null,
    transaction_count  integer       not null,
    transaction_amount numeric(16,2) not null,
    recorded_at        timestamptz   not null,
    primary key (client_id, month)
);

-- the value as of the last recomputation
alter table client add column profitability numeric(16,2);
alter table client add column potential numeric(5,1);
alter table client add column value_computed_at timestamptz;
