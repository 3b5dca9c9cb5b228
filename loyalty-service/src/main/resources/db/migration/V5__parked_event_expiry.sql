-- A parked event waits for its client until expires_at; then the sweep moves it to <topic>.dlq with the reason.
alter table parked_event add column expires_at timestamptz;
update parked_event set expires_at = parked_at + interval '1 day';
alter table parked_event alter column expires_at set not null;
create index parked_event_expiry on parked_event (expires_at);
