-- Clients erased at client-service (crm.client.erased): nothing of them is kept but the id and when, so that their late
-- events are dropped instead of parked or applied, and a late registration does not bring them back. One table for
-- every consuming service. Not named erased_client: loyalty-service and offer-service (V2) and interaction-service
-- (V8) had their own tables of that name, and a platform migration runs before them on a new database; their rows
-- move here in a service migration.
create table client_tombstone (
    client_id uuid        primary key,
    erased_at timestamptz not null
);
