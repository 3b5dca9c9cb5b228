-- The analytical KPIs of each closed month as they stood when it closed, so a trend survives later changes of the
-- history (a back-dated closing, figures replaced, a client's segment or quadrant moved). Written once per month:
-- the job claims the month's row in kpi_snapshot with insert ... on conflict do nothing in the transaction that writes
-- its figures, so a second replica (or a second run) waits for the first one's commit and then writes nothing.
create table kpi_snapshot (
    month    date        primary key, -- first day of the month
    taken_at timestamptz not null
);

-- One row per month and scope: the whole bank, each active segment, each value quadrant (membership and quadrant as
-- they were when the snapshot was taken).
create table kpi_snapshot_figures (
    month                  date          not null references kpi_snapshot (month),
    scope                  text          not null, -- BANK, SEGMENT or QUADRANT
    code                   text          not null, -- the segment's or quadrant's code; '' for the bank
    clients                bigint        not null,
    clients_holding        bigint        not null,
    open_products          bigint        not null,
    second_product_clients bigint        not null,
    funded_clients         bigint        not null,
    funds                  numeric(18,2) not null,
    funds_growth           numeric(12,4),
    products_opened        bigint        not null,
    products_closed        bigint        not null,
    value_mix              jsonb         not null, -- [{"quadrant", "strategy", "clients"}]
    primary key (month, scope, code)
);
