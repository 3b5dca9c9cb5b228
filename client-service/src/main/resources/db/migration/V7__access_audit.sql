-- The audit trail: who read or changed which client, when, through which endpoint (method and route
-- template, never the raw URL with its query values) and with what outcome. It holds no personal data
-- beyond the client id, so an erasure (DELETE /api/v1/clients/{id}) keeps it: the trail of who saw the
-- client before the erasure, and of the erasure itself, is what a bank must be able to show.
create table access_audit (
    id          bigserial primary key,
    occurred_at timestamptz not null,
    client_id   uuid,                -- null when a registration failed before a client existed
    principal   text        not null, -- the caller's principal name (the token's subject), "anonymous" without one
    roles       text[]      not null,
    method      text        not null,
    route       text        not null,
    status      int         not null,
    request_id  text        not null
);
create index access_audit_client_time on access_audit (client_id, occurred_at);
create index access_audit_time on access_audit (occurred_at);
