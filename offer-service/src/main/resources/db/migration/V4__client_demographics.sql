-- The client's optional profile from crm.client.registered/updated: the propensity models learn over it.
alter table client_profile
    add column occupation varchar(32),
    add column marital_status varchar(16),
    add column education varchar(16),
    add column household_size integer,
    add column dependants integer;
