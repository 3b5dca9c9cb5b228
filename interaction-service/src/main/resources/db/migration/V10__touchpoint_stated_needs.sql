-- the needs and motives the client stated at the touchpoint ("find motives"): a JSON array of {code, note};
-- null when none were asked, [] when the client stated none
alter table touchpoint add column stated_needs text;
