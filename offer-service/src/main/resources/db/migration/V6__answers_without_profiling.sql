-- Whether the answer's decision was ranked with the client's models (profiling consent at the decision): answers
-- given without it were ranked by the offers' prior rates, so the model-vs-control uplift leaves them out.
alter table offer_response add column profiled boolean not null default true;
drop index offer_response_performance;
create index offer_response_performance on offer_response (offer_id, channel, control_group, outcome) include (segments, profiled);
