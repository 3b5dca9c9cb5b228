-- A client who left the bank (last product closed, or another system reported it): when, why, and the
-- reporting system's own code. Cleared when the client returns (opens a product again).
alter table client add column left_at timestamptz,
                   add column left_reason text,
                   add column left_reported_reason text;
