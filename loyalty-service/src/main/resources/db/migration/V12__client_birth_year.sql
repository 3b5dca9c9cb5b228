-- The client's year of birth (crm.client.registered/updated, optional): the churn model ages the client at the
-- scoring month from it (finer than the ten-year band, and never stale). Null when not known; erasure deletes the row.
alter table client_profile add column birth_year integer;
