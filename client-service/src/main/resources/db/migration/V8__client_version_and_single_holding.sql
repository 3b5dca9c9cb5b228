-- The version of the client's own record (what a channel edits with PUT/PATCH, and its erasure): 1 at
-- registration, one more at each change; the ETag of GET /api/v1/clients/{id} and what If-Match compares.
alter table client add column version bigint not null default 1;

-- Backstop of the rule that some product types are held once at a time. Which types is configuration
-- (crm.client.products.only-once), which a migration cannot read, so the service marks each product it opens
-- of such a type and the index allows one open marked product per client and type. Products opened before
-- this column existed stay unmarked; the per-client lock of the opening is the rule's first guard.
alter table held_product add column only_once boolean not null default false;
create unique index held_product_held_once on held_product (client_id, type) where closed_at is null and only_once;
