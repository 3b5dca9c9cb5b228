-- Parked touchpoints move to the platform's parked_record (one table, one sweep for every service): those still
-- waiting keep their record as it came, their wait and any reason they were given up for.
insert into parked_record (consumer, client_id, natural_key, topic, kafka_partition, kafka_offset, headers, data,
                           parked_at, expires_at, dead_reason)
select 'interaction-service/touchpoint-ingest', client_id::text, touchpoint_id::text, topic, kafka_partition, kafka_offset,
       headers, payload, parked_at, expires_at, dead_reason
from parked_touchpoint
order by parked_at, kafka_offset;
drop table parked_touchpoint;
