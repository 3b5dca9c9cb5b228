-- Issue 18, item 3: the lecture's loops closed.

-- The needs and motives the client stated last (statedNeeds of interaction-service's crm.interaction.recorded):
-- codes comma-separated ('' before any statement), and when they were stated (an older statement never overwrites).
alter table client_profile add column stated_needs text not null default '';
alter table client_profile add column needs_stated_at timestamptz;

-- DELIGHT (profitable, loyal clients) asks for service-level and recognition actions, not for retention offers:
-- two SERVICE_LEVEL actions for them only (a service-level upgrade and a recognition). Two SALES actions eligible on a stated need ("find motives" closes its loop).
-- value = expected margin over the first year as in V2; prior = Beta(accepted, declined) pseudo-counts.
insert into offer (id, code, name, description, category, product_type, condition_json, channels, value, valid_from, valid_to, prior_accepted, prior_declined, active, revision, created_at, updated_at) values
('00000000-0000-4000-8000-000000000502', 'PERSONAL_BANKER', 'Personal banker', 'A named personal banker and a priority line: a higher service level for clients the bank wants to delight', 'SERVICE_LEVEL', null,
 '{"strategy": ["DELIGHT"]}',
 'BRANCH,CALL_CENTER,MOBILE_APP,INTERNET_BANK,EMAIL', 150, null, null, 20, 80, true, nextval('catalogue_revision'), now(), now()),
('00000000-0000-4000-8000-000000000503', 'LOYALTY_THANK_YOU', 'Thank you for your loyalty', 'Recognition: a personal thank-you for the years with the bank and a year of free card services', 'SERVICE_LEVEL', null,
 '{"strategy": ["DELIGHT"]}',
 'BRANCH,CALL_CENTER,MOBILE_APP,INTERNET_BANK,EMAIL', 50, null, null, 40, 60, true, nextval('catalogue_revision'), now(), now()),
('00000000-0000-4000-8000-000000000109', 'HOME_PURCHASE_ADVICE', 'Home purchase advice', 'A meeting with a mortgage adviser to plan the home the client is saving for', 'SALES', 'MORTGAGE',
 '{"all": [{"clientType": "INDIVIDUAL"}, {"statedNeed": ["SAVING_FOR_HOUSING"]}]}',
 'BRANCH,CALL_CENTER,MOBILE_APP,INTERNET_BANK,EMAIL', 900, null, null, 15, 85, true, nextval('catalogue_revision'), now(), now()),
('00000000-0000-4000-8000-000000000110', 'CHILDREN_SAVINGS_PLAN', 'Children''s education savings plan', 'A monthly fund savings plan for the children''s studies', 'SALES', 'INVESTMENT_FUND',
 '{"all": [{"clientType": "INDIVIDUAL"}, {"statedNeed": ["CHILDREN_EDUCATION"]}]}',
 'BRANCH,CALL_CENTER,MOBILE_APP,INTERNET_BANK,EMAIL', 250, null, null, 10, 90, true, nextval('catalogue_revision'), now(), now());
