-- The decision's own row says how many sales actions it handed to the channel: the weekly sales cap sums it,
-- so a decision is one insert (plus its outbox row) instead of one more insert per presented action.
alter table decision add column sales_presented integer not null default 0;
update decision d set sales_presented = s.n
  from (select decision_id, count(*) as n from presentation where category = 'SALES' group by decision_id) s
 where s.decision_id = d.id;
drop table presentation;
create index decision_sales_presented on decision (client_id, decided_at) where sales_presented > 0;

-- Every change of a propensity model takes a new revision: each replica's in-memory models reload only what changed.
create sequence model_revision;
alter table propensity_model add column revision bigint not null default 0;
update propensity_model set revision = nextval('model_revision');

-- The contact policy's declines: one range scan per client.
create index offer_response_declined on offer_response (client_id, responded_at) include (offer_id) where outcome = 'DECLINED';

-- GET /offers/performance aggregates with GROUP BY GROUPING SETS over this covering index (an index-only scan
-- when the visibility map is current): per offer, channel, control group and segment combination.
create index offer_response_performance on offer_response (offer_id, channel, control_group, outcome) include (segments);
