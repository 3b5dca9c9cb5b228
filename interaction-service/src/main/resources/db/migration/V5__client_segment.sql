-- Read model: the need-based segments each client belongs to (crm.client.segment-changed carries the full set).
create table client_segment (
    client_id uuid not null,
    segment   text not null,
    primary key (client_id, segment)
);

-- The CX counters again per segment the client belonged to when the touchpoint was recorded (or the
-- journey closed): GET /cx/metrics?segment= sums these rows. A client in several segments counts in each.
create table cx_daily_segment (like cx_daily including defaults);
alter table cx_daily_segment add column segment text not null;
alter table cx_daily_segment add primary key (day, segment, channel, need, cause_detail);
