-- Read model: everything the decision pipeline needs, from client, interaction and loyalty events.
-- A client first heard of through an interaction or loyalty event has no registration yet.
alter table client_profile alter column client_type drop not null;
alter table client_profile alter column age_band drop not null;
alter table client_profile alter column registered_at drop not null;
alter table client_profile
    add column income_bracket               text,
    add column held_products                text not null default '',
    add column segments                     text not null default '',
    add column quadrant                     text,
    add column strategy                     text,
    add column loyalty_type                 text,
    add column behavioural                  double precision,
    add column perceived                    double precision,
    add column churn_risk                   double precision,
    add column open_complaints              text not null default '',
    add column last_negative_bank_caused_at timestamptz,
    add column last_channel                 text,
    add column last_type                    text,
    add column last_valence                 text,
    add column last_cause                   text,
    add column last_experience_at           timestamptz;
alter table client_profile alter column consent_marketing_email set default false;
alter table client_profile alter column consent_marketing_sms set default false;
alter table client_profile alter column consent_marketing_push set default false;
alter table client_profile alter column consent_marketing_phone set default false;
alter table client_profile alter column consent_profiling set default false;

create table erased_client (
    client_id uuid primary key,
    erased_at timestamptz not null
);

create sequence catalogue_revision;

create table offer (
    id             uuid primary key,
    code           text             not null unique,
    name           text             not null,
    description    text,
    category       text             not null,
    product_type   text,
    condition_json text             not null,
    channels       text             not null,
    value          double precision not null,
    valid_from     date,
    valid_to       date,
    prior_accepted double precision not null,
    prior_declined double precision not null,
    active         boolean          not null,
    revision       bigint           not null,
    created_at     timestamptz      not null,
    updated_at     timestamptz      not null
);

create table decision (
    id                uuid primary key,
    client_id         uuid,
    channel           text        not null,
    trigger_type      text        not null,
    trigger_event_id  text,
    control_group     boolean     not null,
    actions_json      text        not null,
    inputs_json       text,
    catalogue_version bigint      not null,
    model_version     bigint      not null,
    decided_at        timestamptz not null
);
create index decision_client on decision (client_id, decided_at desc);

create table presentation (
    id           uuid primary key,
    decision_id  uuid        not null references decision (id),
    client_id    uuid,
    offer_id     uuid        not null,
    category     text        not null,
    presented_at timestamptz not null
);
create index presentation_client on presentation (client_id, presented_at);

create table offer_response (
    id            uuid primary key,
    decision_id   uuid        not null references decision (id),
    offer_id      uuid        not null,
    client_id     uuid,
    category      text        not null,
    channel       text        not null,
    outcome       text        not null,
    control_group boolean     not null,
    segments      text        not null,
    responded_at  timestamptz not null,
    unique (decision_id, offer_id)
);
create index offer_response_client on offer_response (client_id, offer_id, responded_at);

create table propensity_model (
    offer_id     uuid primary key,
    features     text        not null,
    mean         text        not null,
    precision    text        not null,
    observations bigint      not null,
    updated_at   timestamptz not null
);

-- The default catalogue of a retail bank: every category, conditions in the eligibility language (see README),
-- value = expected margin over the product's first year (negative: what the action costs the bank),
-- prior = Beta(accepted, declined) pseudo-counts from typical campaign response rates.
insert into offer (id, code, name, description, category, product_type, condition_json, channels, value, valid_from, valid_to, prior_accepted, prior_declined, active, revision, created_at, updated_at) values
('00000000-0000-4000-8000-000000000101', 'CREDIT_CARD_CLASSIC', 'Classic credit card', 'A first credit card with 45 interest-free days', 'SALES', 'CREDIT_CARD',
 '{"all": [{"clientType": "INDIVIDUAL"}, {"not": {"ageBand": ["AGE_14_17"]}}, {"holds": ["CURRENT_ACCOUNT"]}, {"not": {"quadrant": ["UNPROFITABLE_LOW_POTENTIAL"]}}]}',
 'BRANCH,CALL_CENTER,MOBILE_APP,INTERNET_BANK,EMAIL', 120, null, null, 4, 96, true, nextval('catalogue_revision'), now(), now()),
('00000000-0000-4000-8000-000000000102', 'SAVINGS_ACCOUNT', 'Savings account', 'An instant-access savings account with a bonus rate for the first six months', 'SALES', 'SAVINGS_ACCOUNT',
 '{"holds": ["CURRENT_ACCOUNT"]}',
 'BRANCH,CALL_CENTER,MOBILE_APP,INTERNET_BANK,EMAIL,ATM', 60, null, null, 8, 92, true, nextval('catalogue_revision'), now(), now()),
('00000000-0000-4000-8000-000000000103', 'TERM_DEPOSIT_12M', 'Twelve-month term deposit', 'A fixed rate for twelve months', 'SALES', 'TERM_DEPOSIT',
 '{"all": [{"not": {"ageBand": ["AGE_14_17"]}}, {"any": [{"holds": ["SAVINGS_ACCOUNT"]}, {"incomeBracket": ["UPPER_MIDDLE", "HIGH"]}, {"ageBand": ["AGE_55_64", "AGE_65_PLUS"]}]}]}',
 'BRANCH,CALL_CENTER,MOBILE_APP,INTERNET_BANK,EMAIL', 90, null, null, 6, 94, true, nextval('catalogue_revision'), now(), now()),
('00000000-0000-4000-8000-000000000104', 'MORTGAGE_FIRST_HOME', 'First-home mortgage', 'A mortgage for a first home, with an advisor meeting', 'SALES', 'MORTGAGE',
 '{"all": [{"clientType": "INDIVIDUAL"}, {"ageBand": ["AGE_25_34", "AGE_35_44", "AGE_45_54"]}, {"incomeBracket": ["MIDDLE", "UPPER_MIDDLE", "HIGH"]}]}',
 'BRANCH,CALL_CENTER,INTERNET_BANK', 1800, null, null, 1, 99, true, nextval('catalogue_revision'), now(), now()),
('00000000-0000-4000-8000-000000000105', 'CONSUMER_LOAN', 'Consumer loan', 'A personal loan up to 20,000 decided in minutes', 'SALES', 'CONSUMER_LOAN',
 '{"all": [{"not": {"ageBand": ["AGE_14_17", "AGE_65_PLUS"]}}, {"incomeBracket": ["MIDDLE", "UPPER_MIDDLE", "HIGH"]}, {"not": {"quadrant": ["UNPROFITABLE_LOW_POTENTIAL"]}}]}',
 'BRANCH,CALL_CENTER,MOBILE_APP,INTERNET_BANK', 400, null, null, 3, 97, true, nextval('catalogue_revision'), now(), now()),
('00000000-0000-4000-8000-000000000106', 'HOME_INSURANCE', 'Home and contents insurance', 'Insurance for the home the client finances with us', 'SALES', 'INSURANCE',
 '{"holdsAny": ["MORTGAGE", "CONSUMER_LOAN"]}',
 'BRANCH,CALL_CENTER,MOBILE_APP,INTERNET_BANK,EMAIL', 150, null, null, 5, 95, true, nextval('catalogue_revision'), now(), now()),
('00000000-0000-4000-8000-000000000107', 'INVESTMENT_FUND', 'Balanced investment fund', 'A balanced fund with a monthly savings plan', 'SALES', 'INVESTMENT_FUND',
 '{"all": [{"not": {"ageBand": ["AGE_14_17", "AGE_18_24"]}}, {"any": [{"incomeBracket": ["UPPER_MIDDLE", "HIGH"]}, {"segment": ["AFFLUENT_SAVERS", "PRE_RETIREMENT"]}]}]}',
 'BRANCH,CALL_CENTER,INTERNET_BANK,EMAIL', 300, null, null, 3, 97, true, nextval('catalogue_revision'), now(), now()),
('00000000-0000-4000-8000-000000000108', 'PREMIUM_PACKAGE', 'Premium package', 'Premium account package: travel insurance, lounge access, a personal banker', 'SALES', 'PREMIUM_PACKAGE',
 '{"all": [{"incomeBracket": ["UPPER_MIDDLE", "HIGH"]}, {"quadrant": ["PROFITABLE_HIGH_POTENTIAL", "PROFITABLE_LOW_POTENTIAL"]}]}',
 'BRANCH,CALL_CENTER,MOBILE_APP,INTERNET_BANK', 250, null, null, 3, 97, true, nextval('catalogue_revision'), now(), now()),
('00000000-0000-4000-8000-000000000201', 'RETENTION_CALL', 'Relationship review call', 'A relationship manager calls to review the client''s needs and products', 'RETENTION', null,
 '{"any": [{"churnRisk": {"min": 0.3}}, {"loyaltyType": ["SPURIOUS"]}]}',
 'BRANCH,CALL_CENTER', 200, null, null, 10, 90, true, nextval('catalogue_revision'), now(), now()),
('00000000-0000-4000-8000-000000000202', 'LOYALTY_RATE_BONUS', 'Loyalty rate bonus', 'A savings rate bonus for clients of long standing', 'RETENTION', null,
 '{"all": [{"holdsAny": ["SAVINGS_ACCOUNT", "TERM_DEPOSIT"]}, {"any": [{"churnRisk": {"min": 0.3}}, {"loyaltyType": ["SPURIOUS", "TRUE"]}]}]}',
 'BRANCH,CALL_CENTER,MOBILE_APP,INTERNET_BANK,EMAIL', 150, null, null, 12, 88, true, nextval('catalogue_revision'), now(), now()),
('00000000-0000-4000-8000-000000000301', 'APOLOGY_CALL', 'Apology call', 'A senior agent calls back, apologises and makes sure the need is met', 'SERVICE_RECOVERY', null,
 '{"all": []}',
 'BRANCH,CALL_CENTER,MOBILE_APP,INTERNET_BANK,CHAT', -10, null, null, 40, 60, true, nextval('catalogue_revision'), now(), now()),
('00000000-0000-4000-8000-000000000302', 'GOODWILL_CREDIT', 'Goodwill credit', 'A goodwill credit of 20 on the current account', 'SERVICE_RECOVERY', null,
 '{"any": [{"quadrant": ["PROFITABLE_HIGH_POTENTIAL", "PROFITABLE_LOW_POTENTIAL"]}, {"loyaltyType": ["TRUE", "SPURIOUS"]}]}',
 'BRANCH,CALL_CENTER,MOBILE_APP,INTERNET_BANK', -20, null, null, 50, 50, true, nextval('catalogue_revision'), now(), now()),
('00000000-0000-4000-8000-000000000303', 'FEE_REFUND', 'Fee refund', 'Refund of the fees charged in the month of the incident', 'SERVICE_RECOVERY', null,
 '{"holds": ["CURRENT_ACCOUNT"]}',
 'BRANCH,CALL_CENTER,MOBILE_APP,INTERNET_BANK,CHAT', -15, null, null, 45, 55, true, nextval('catalogue_revision'), now(), now()),
('00000000-0000-4000-8000-000000000304', 'PRIORITY_HANDLING', 'Priority handling', 'The client''s open requests go to the priority queue with a named owner', 'SERVICE_RECOVERY', null,
 '{"all": []}',
 'BRANCH,CALL_CENTER,MOBILE_APP,INTERNET_BANK,CHAT,EMAIL,ATM', -5, null, null, 35, 65, true, nextval('catalogue_revision'), now(), now()),
('00000000-0000-4000-8000-000000000401', 'FEE_WAIVER', 'Account fee waiver', 'Twelve months without the account fee when salary is credited here', 'TARIFF', null,
 '{"all": [{"holds": ["CURRENT_ACCOUNT"]}, {"any": [{"strategy": ["REPRICE", "RETAIN"]}, {"churnRisk": {"min": 0.3}}]}]}',
 'BRANCH,CALL_CENTER,MOBILE_APP,INTERNET_BANK,EMAIL', 40, null, null, 15, 85, true, nextval('catalogue_revision'), now(), now()),
('00000000-0000-4000-8000-000000000402', 'BETTER_LOAN_RATE', 'Better loan rate', 'A lower rate on the client''s existing loan for a longer commitment', 'TARIFF', null,
 '{"holdsAny": ["CONSUMER_LOAN", "MORTGAGE"]}',
 'BRANCH,CALL_CENTER,INTERNET_BANK', 100, null, null, 10, 90, true, nextval('catalogue_revision'), now(), now()),
('00000000-0000-4000-8000-000000000403', 'PACKAGE_REPRICE', 'Tariff that fits', 'A cheaper-to-serve account tariff matching how the client really banks', 'TARIFF', null,
 '{"quadrant": ["UNPROFITABLE_HIGH_POTENTIAL", "UNPROFITABLE_LOW_POTENTIAL"]}',
 'BRANCH,CALL_CENTER,MOBILE_APP,INTERNET_BANK,EMAIL', 60, null, null, 8, 92, true, nextval('catalogue_revision'), now(), now()),
('00000000-0000-4000-8000-000000000501', 'MOVE_TO_DIGITAL', 'Move to digital banking', 'Mobile-bank onboarding with a branch helper; lower cost to serve', 'SERVICE_LEVEL', null,
 '{"all": [{"not": {"segment": ["DIGITAL_FIRST"]}}, {"any": [{"strategy": ["CHANGE_SERVICE_LEVEL"]}, {"quadrant": ["UNPROFITABLE_LOW_POTENTIAL", "UNPROFITABLE_HIGH_POTENTIAL"]}]}]}',
 'BRANCH,CALL_CENTER,ATM,EMAIL', 80, null, null, 12, 88, true, nextval('catalogue_revision'), now(), now()),
('00000000-0000-4000-8000-000000000601', 'NEEDS_INTERVIEW', 'Short needs interview', 'Five questions on what the client needs from the bank, to find the motives', 'RESEARCH', null,
 '{"any": [{"strategy": ["FIND_MOTIVES"]}, {"loyaltyType": ["NONE", "LATENT"]}, {"quadrant": ["UNPROFITABLE_HIGH_POTENTIAL"]}]}',
 'BRANCH,CALL_CENTER,MOBILE_APP,INTERNET_BANK,CHAT', 30, null, null, 20, 80, true, nextval('catalogue_revision'), now(), now());
