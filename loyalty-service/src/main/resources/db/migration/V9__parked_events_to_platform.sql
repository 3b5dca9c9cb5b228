-- Parked events move to the platform's parked_record (one table, one sweep for every service), in the order they came.
-- The record's CloudEvents headers are rebuilt as the platform keeps them (ce_* attributes, content-type, extensions).
insert into parked_record (consumer, client_id, topic, kafka_partition, kafka_offset, headers, data, parked_at, expires_at)
select case when p.topic like 'crm.interaction.%' then 'loyalty-service/interaction-events'
            else 'loyalty-service/client-events' end,
       p.client_id::text, p.topic, p.kafka_partition, p.kafka_offset,
       (jsonb_build_object('ce_specversion', '1.0', 'ce_id', p.event_id, 'ce_type', p.event_type, 'ce_source', p.source,
                           'ce_subject', p.client_id::text,
                           'ce_time', to_char(p.event_time at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                           'content-type', 'application/json')
        || coalesce((select jsonb_object_agg('ce_' || e.key, e.value) from jsonb_each_text(p.extensions::jsonb) e),
                    '{}'::jsonb))::text,
       p.data, p.parked_at, p.expires_at
from parked_event p
order by p.id;
drop table parked_event;
