-- The client's optional profile from crm.client.registered/updated: the propensity models learn over it.
alter table client_profile
    add column occupation varchar(32),
    add column marital_status varchar(16),
    add column education varchar(16),
    add column household_size integer,
    add column dependants integer;

-- Model monitoring beside each posterior: the last answers with the propensity expected before each (online AUC,
-- calibration), and each input's all-time sum and recent mean (feature drift), by the same feature names.
alter table propensity_model
    add column monitor_answers text not null default '',
    add column feature_sums text not null default '',
    add column feature_recent_means text not null default '',
    add column monitor_count bigint not null default 0;
