-- Search at 1,000,000 clients: a name fragment, case- and accent-insensitive, through a trigram GIN index
-- on an unaccented, lower-cased copy of the name; e-mail, phone and external reference by equality on
-- b-tree indexes. pg_trgm and unaccent are trusted extensions (PostgreSQL 13+): the database owner may create them.
create extension if not exists pg_trgm;
create extension if not exists unaccent;

-- unaccent() is only STABLE (its dictionary could change); pinning the dictionary makes the wrapper
-- safe to declare IMMUTABLE, which a generated column and an index need.
create function crm_search_text(value text) returns text
    language sql immutable parallel safe strict
    as $$ select lower(public.unaccent('public.unaccent'::regdictionary, value)) $$;

alter table client add column search_name text generated always as (crm_search_text(full_name)) stored;
create index client_search_name_trgm on client using gin (search_name gin_trgm_ops);
create index client_email_lower on client (lower(email));
create index client_phone on client (phone);
create index client_created on client (created_at, id);
create index client_customer_since on client (customer_since, id);
create index client_name_sort on client (full_name, id);

-- the client's value as of its last recomputation, kept on the client for filtering and reads
alter table client add column value_quadrant text;
alter table client add column strategy text;
create index client_value_quadrant on client (value_quadrant, id);
create index client_strategy on client (strategy, id);

-- need-based segment membership, kept live; the search filters on it
create table client_segment (
    client_id    uuid        not null references client (id),
    segment_code text        not null,
    since        timestamptz not null,
    primary key (client_id, segment_code)
);
create index client_segment_by_segment on client_segment (segment_code, client_id);
