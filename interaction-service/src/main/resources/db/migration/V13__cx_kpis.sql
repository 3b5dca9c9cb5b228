-- The monthly KPIs split and filter the experiences by who caused them (bank, client, third party): cause joins the
-- counter cell. '' is no cause: journeys' rows (a journey has none), touchpoints without one, and every row counted
-- before this migration (their cause was not recorded; negative_bank_caused stays exact for them).
alter table cx_daily add column cause text not null default '';
alter table cx_daily drop constraint cx_daily_pkey;
alter table cx_daily add primary key (day, channel, need, cause, cause_detail, shard);

alter table cx_daily_segment add column cause text not null default '';
alter table cx_daily_segment drop constraint cx_daily_segment_pkey;
alter table cx_daily_segment add primary key (day, segment, channel, need, cause, cause_detail, shard);

-- The KPIs of each closed month as they stood when it closed, so a trend survives later changes (touchpoints reported
-- late with an earlier occurredAt). Written once per month: the job claims the month's row with
-- insert ... on conflict do nothing in the transaction that copies the month's cells, so a second replica (or a
-- second run) waits for the first one's commit and then writes nothing.
create table kpi_snapshot (
    month    date        primary key, -- first day of the month
    taken_at timestamptz not null
);

-- The month's counters summed per cell (channel, need, cause, cause detail): every filter of the KPIs is a sum of them.
create table kpi_snapshot_cell (
    month                 date   not null references kpi_snapshot (month),
    channel               text   not null,
    need                  text   not null,
    cause                 text   not null,
    cause_detail          text   not null,
    touchpoints           bigint not null,
    csat_sum              bigint not null,
    csat_responses        bigint not null,
    promoters             bigint not null,
    passives              bigint not null,
    detractors            bigint not null,
    negative              bigint not null,
    negative_bank_caused  bigint not null,
    repeat_contacts       bigint not null,
    journeys_closed       bigint not null,
    journeys_resolved     bigint not null,
    journeys_fcr          bigint not null,
    primary key (month, channel, need, cause, cause_detail)
);
