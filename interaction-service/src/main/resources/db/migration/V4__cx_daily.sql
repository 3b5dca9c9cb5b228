-- CX metrics, pre-aggregated: one row per UTC day, channel, need and cause detail ('' for none), updated in
-- the transaction that records a touchpoint (its occurredAt day) or closes a journey (its closedAt day,
-- the journey's first channel). Any period's metrics are sums over at most days x 7 x 9 x 10 rows, whatever
-- the number of touchpoints; CSAT is kept as sum and count and NPS as its three groups, so every metric is
-- an exact ratio of sums.
create table cx_daily (
    day                   date   not null,
    channel               text   not null,
    need                  text   not null,
    cause_detail          text   not null,
    touchpoints           bigint not null default 0,
    csat_sum              bigint not null default 0,
    csat_responses        bigint not null default 0,
    promoters             bigint not null default 0,
    passives              bigint not null default 0,
    detractors            bigint not null default 0,
    negative              bigint not null default 0,
    negative_bank_caused  bigint not null default 0,
    repeat_contacts       bigint not null default 0,
    journeys_closed       bigint not null default 0,
    journeys_resolved     bigint not null default 0,
    journeys_fcr          bigint not null default 0,
    primary key (day, channel, need, cause_detail)
);
