-- offer-service's KPIs of each closed month as they stood when it closed, so a trend survives later changes (answers
-- recorded late with an earlier respondedAt, clients erased). Written once per month: the job claims the month's row
-- with insert ... on conflict do nothing in the transaction that writes its figures, so a second replica (or a second
-- run) waits for the first one's commit and then writes nothing.
create table kpi_snapshot (
    month    date        primary key, -- first day of the month
    taken_at timestamptz not null
);

-- One row per month and scope: all channels ('') and each channel.
create table kpi_snapshot_figures (
    month   date  not null references kpi_snapshot (month),
    channel text  not null,
    figures jsonb not null, -- OfferMonth and the answers per offer
    primary key (month, channel)
);
