-- Erased clients move to the platform's client_tombstone (one table and one API, ErasedClients, for every service):
-- the id and the time of each erasure stay, so late events of those clients are still dropped.
insert into client_tombstone (client_id, erased_at)
select client_id, erased_at from erased_client
on conflict (client_id) do nothing;
drop table erased_client;
