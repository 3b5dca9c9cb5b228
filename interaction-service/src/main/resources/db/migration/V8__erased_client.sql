-- Erased clients (crm.client.erased): only the id and the time stay, so that a late event of the client is
-- dropped instead of parked or applied, and a late registration does not bring them back (as loyalty-service and
-- offer-service keep them). Everything else kept of them goes: read model, segments, touchpoints, journeys and
-- parked touchpoints. The CX counters (cx_daily, cx_daily_segment) hold no client and stay.
create table erased_client (
    client_id uuid primary key,
    erased_at timestamptz not null
);

-- clients erased before this migration were only pseudonymised (notes and employee ids removed): finish the job
insert into erased_client (client_id, erased_at)
    select client_id, erased_at from known_client where erased_at is not null;
delete from touchpoint where client_id in (select client_id from erased_client);
delete from journey where client_id in (select client_id from erased_client);
delete from client_segment where client_id in (select client_id from erased_client);
delete from parked_touchpoint where client_id in (select client_id from erased_client);
delete from known_client where client_id in (select client_id from erased_client);
alter table known_client drop column erased_at;
alter table touchpoint drop column erased_at;
