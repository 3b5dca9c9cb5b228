-- The client's circumstances (all optional): occupation, marital status, education, household size, dependants.
alter table client add column occupation text,
                   add column marital_status text,
                   add column education text,
                   add column household_size integer check (household_size between 1 and 20),
                   add column dependants integer check (dependants between 0 and 20);
