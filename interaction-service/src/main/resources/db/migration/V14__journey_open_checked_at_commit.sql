-- At most one open journey per client and need, checked when the transaction commits instead of row by row. An inbox
-- batch may close a client's journey and begin the next on the same need; Hibernate writes a flush's inserts before
-- its updates, so a row-by-row check would depend on the order it writes them in. JourneyBook therefore flushed the
-- whole session before each such new journey - dirty-checking every entity of the batch each time, O(n^2): 40 % of
-- interaction-service's CPU at 400 touchpoints/s (docs/performance.md, 2026-12-08). Checked at commit, the rule holds
-- whatever the order of the writes, and the session is flushed once. An exclusion constraint with = on both columns
-- is a unique constraint that may be partial and deferred; its index serves the same look-ups.
drop index journey_open;
alter table journey add constraint journey_open
    exclude using btree (client_id with =, need with =) where (status = 'OPEN')
    deferrable initially deferred;
