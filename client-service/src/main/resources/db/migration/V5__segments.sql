alter table client add column preferred_channel text;

-- Need-based segments: definitions are data. Each change raises the version and keeps the former one.
create table segment (
    id                    uuid primary key,
    code                  text        not null unique,
    name                  text        not null,
    description           text,
    condition_json        text        not null,
    expected_products     text        not null default '',
    version               integer     not null,
    active                boolean     not null default true,
    recompute_status      text        not null,
    recompute_total       bigint      not null default 0,
    recompute_done        bigint      not null default 0,
    recompute_version     integer     not null default 0,
    recompute_error       text,
    recompute_started_at  timestamptz,
    recompute_finished_at timestamptz,
    created_at            timestamptz not null,
    updated_at            timestamptz not null
);

create table segment_version (
    segment_id        uuid        not null references segment (id),
    version           integer     not null,
    name              text        not null,
    description       text,
    condition_json    text        not null,
    expected_products text        not null,
    active            boolean     not null,
    created_at        timestamptz not null,
    primary key (segment_id, version)
);

alter table client_segment add constraint client_segment_segment foreign key (segment_code) references segment (code);

-- The default set a retail bank recognises; membership is computed for all clients at start (status PENDING).
-- Without household or study data, students and young families are approximated by age, income and products.
insert into segment (id, code, name, description, condition_json, expected_products, version, active, recompute_status, created_at, updated_at) values
('00000000-0000-4000-8000-000000000001', 'STUDENTS', 'Students', 'Individuals 18-26 with a low income: studies, first account',
 '{"all": [{"clientType": "INDIVIDUAL"}, {"age": {"min": 18, "max": 26}}, {"incomeBracket": ["LOW"]}]}',
 'CURRENT_ACCOUNT,DEBIT_CARD', 1, true, 'PENDING', now(), now()),
('00000000-0000-4000-8000-000000000002', 'YOUNG_STARTERS', 'Young starters', 'Individuals 22-30 with a working income, no mortgage yet',
 '{"all": [{"clientType": "INDIVIDUAL"}, {"age": {"min": 22, "max": 30}}, {"incomeBracket": ["MIDDLE", "UPPER_MIDDLE", "HIGH"]}, {"not": {"holds": ["MORTGAGE"]}}]}',
 'CURRENT_ACCOUNT,DEBIT_CARD,CREDIT_CARD,SAVINGS_ACCOUNT', 1, true, 'PENDING', now(), now()),
('00000000-0000-4000-8000-000000000003', 'YOUNG_FAMILIES', 'Young families', 'Individuals 28-42, middle income or above, financing a home or household (mortgage or consumer loan)',
 '{"all": [{"clientType": "INDIVIDUAL"}, {"age": {"min": 28, "max": 42}}, {"incomeBracket": ["MIDDLE", "UPPER_MIDDLE", "HIGH"]}, {"holdsAny": ["MORTGAGE", "CONSUMER_LOAN"]}]}',
 'CURRENT_ACCOUNT,DEBIT_CARD,MORTGAGE,INSURANCE,SAVINGS_ACCOUNT', 1, true, 'PENDING', now(), now()),
('00000000-0000-4000-8000-000000000004', 'MORTGAGE_SEEKERS', 'Mortgage seekers', 'Individuals 25-45, middle income or above, without a mortgage, with savings of 10,000 or more towards a deposit',
 '{"all": [{"clientType": "INDIVIDUAL"}, {"age": {"min": 25, "max": 45}}, {"incomeBracket": ["MIDDLE", "UPPER_MIDDLE", "HIGH"]}, {"not": {"holds": ["MORTGAGE"]}}, {"balance": {"min": 10000}}]}',
 'CURRENT_ACCOUNT,SAVINGS_ACCOUNT,MORTGAGE', 1, true, 'PENDING', now(), now()),
('00000000-0000-4000-8000-000000000005', 'AFFLUENT_SAVERS', 'Affluent savers', 'Upper-middle or high income with a balance of 50,000 or more',
 '{"all": [{"incomeBracket": ["UPPER_MIDDLE", "HIGH"]}, {"balance": {"min": 50000}}]}',
 'CURRENT_ACCOUNT,SAVINGS_ACCOUNT,TERM_DEPOSIT,INVESTMENT_FUND,PREMIUM_PACKAGE', 1, true, 'PENDING', now(), now()),
('00000000-0000-4000-8000-000000000006', 'PRE_RETIREMENT', 'Pre-retirement', 'Individuals 55-64: building the pension pot',
 '{"all": [{"clientType": "INDIVIDUAL"}, {"age": {"min": 55, "max": 64}}]}',
 'CURRENT_ACCOUNT,SAVINGS_ACCOUNT,INVESTMENT_FUND,INSURANCE', 1, true, 'PENDING', now(), now()),
('00000000-0000-4000-8000-000000000007', 'RETIREES', 'Retirees', 'Individuals 65 and over',
 '{"all": [{"clientType": "INDIVIDUAL"}, {"age": {"min": 65}}]}',
 'CURRENT_ACCOUNT,DEBIT_CARD,SAVINGS_ACCOUNT,INSURANCE', 1, true, 'PENDING', now(), now()),
('00000000-0000-4000-8000-000000000008', 'SMALL_BUSINESS_OWNERS', 'Small-business owners', 'Business clients',
 '{"clientType": "BUSINESS"}',
 'CURRENT_ACCOUNT,DEBIT_CARD,CREDIT_CARD,CONSUMER_LOAN,INSURANCE', 1, true, 'PENDING', now(), now()),
('00000000-0000-4000-8000-000000000009', 'DIGITAL_FIRST', 'Digital-first', 'Clients whose preferred channel is the mobile app, the internet bank or chat',
 '{"preferredChannel": ["MOBILE_APP", "INTERNET_BANK", "CHAT"]}',
 'CURRENT_ACCOUNT,DEBIT_CARD', 1, true, 'PENDING', now(), now());

insert into segment_version (segment_id, version, name, description, condition_json, expected_products, active, created_at)
select id, version, name, description, condition_json, expected_products, active, created_at from segment;
