-- Concurrent touchpoints of one day, channel, need and cause detail all added to one counter row and queued on its
-- lock until each recording transaction committed (waits of 100-700 ms seen under 8 concurrent callers). Each
-- cell is now spread over shards chosen by the clientId (crm.interaction.metrics.counter-shards): one client's
-- touchpoints are recorded one after the other anyway, other clients rarely meet on a row. Reads sum over shards
-- as they sum over days; the compaction folds the shards of days before yesterday back into shard 0, so a report
-- over past days reads no more rows than before.
alter table cx_daily add column shard smallint not null default 0;
alter table cx_daily drop constraint cx_daily_pkey;
alter table cx_daily add primary key (day, channel, need, cause_detail, shard);

alter table cx_daily_segment add column shard smallint not null default 0;
alter table cx_daily_segment drop constraint cx_daily_segment_pkey;
alter table cx_daily_segment add primary key (day, segment, channel, need, cause_detail, shard);

-- what the compaction looks for: only rows of shards other than 0
create index cx_daily_sharded on cx_daily (day) where shard <> 0;
create index cx_daily_segment_sharded on cx_daily_segment (day) where shard <> 0;
