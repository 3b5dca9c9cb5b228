-- The client's country of residence (ISO 3166-1 alpha-2, optional) and, with each kept snapshot and observation, the
-- country then: the churn model's market indicators follow from it and the markets configured today.
alter table client_profile add column country_of_residence text;
alter table score_change add column churn_market text;
alter table churn_observation add column market text;
