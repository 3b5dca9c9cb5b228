-- the client's current statement of needs and motives ("find motives"), from interaction-service's
-- crm.interaction.recorded: the codes (comma-separated, '' when none), when and at which touchpoint they were stated
alter table client add column stated_needs text not null default '';
alter table client add column needs_stated_at timestamptz;
alter table client add column needs_interaction_id uuid;
