-- Touchpoints echoing offer-service's facts (OFFER_PRESENTED, OFFER_RESPONSE from crm.offer.events.v1): the
-- decision they belong to and the offers shown or answered, as a JSON array of
-- {rank, offerCode, category, productType, response} (structured, no free text). Null for other touchpoints.
alter table touchpoint add column decision_id uuid;
alter table touchpoint add column offers text;
