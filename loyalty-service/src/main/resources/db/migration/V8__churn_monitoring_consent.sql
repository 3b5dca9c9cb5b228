-- Monitoring: each churn observation keeps the inputs it was learnt from (feature drift: the newest window's means
-- against all observations'); null for observations made before.
alter table churn_observation add column inputs text;
-- Profiling consent (crm.client.registered / consent-changed): without it no churn model is applied to the client.
-- Null for profiles made before loyalty-service read consents: not known, so no model until the next consent event.
alter table client_profile add column profiling boolean;
-- A client without profiling consent has no churn risk.
alter table loyalty_score alter column churn_risk drop not null;
alter table score_change alter column churn_risk drop not null;
