-- Where the client lives (ISO 3166-1 alpha-2, optional): the market a bank's churn and offer models may read.
alter table client add column country_of_residence text check (country_of_residence ~ '^[A-Z]{2}$');
