-- The loyalty KPIs of each closed month as they stood when it closed, so a trend survives later changes (a client
-- erased, a late departure, a quadrant moved). Written once per month: the job claims the month's row with
-- insert ... on conflict do nothing in the transaction that writes its figures, so a second replica (or a second
-- run) waits for the first one's commit and then writes nothing. (V12 is taken by another change.)
create table kpi_snapshot (
    month    date        primary key, -- first day of the month
    taken_at timestamptz not null
);

-- One row per month and scope: the whole bank ('') and each value quadrant (as it was when the snapshot was taken).
create table kpi_snapshot_figures (
    month    date  not null references kpi_snapshot (month),
    quadrant text  not null,
    figures  jsonb not null, -- LoyaltyMonth: type mix, risk bands, movements, churn
    primary key (month, quadrant)
);
