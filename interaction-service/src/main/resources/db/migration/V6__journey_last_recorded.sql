-- When the latest contact of a journey was recorded (not when it occurred): the abandoned-journey sweep
-- leaves a journey alone while contacts are still being recorded for it (backfills, late reports).
alter table journey add column last_recorded_at timestamptz;
update journey set last_recorded_at = last_contact_at;
alter table journey alter column last_recorded_at set not null;
