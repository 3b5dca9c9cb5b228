-- Touchpoints and complaints per month (the last 12), for the churn features "contacts" and "complaints in the
-- last 12 months"; the amount moved per month is a fourth field of client_profile.financials (text, no change).
alter table client_profile add column contact_months text not null default '';
