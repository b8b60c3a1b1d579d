-- Repeated receipts and inbound SMS change nothing (api-service/README.md, "How an SMS travels").

-- A pending receipt is kept once per event: a receipt repeated before its ack arrives adds no row. Rows kept before
-- this migration get their event's id from the event they hold; repeats among them are deleted, the first one kept.
alter table pending_receipt add column event_id varchar(64);
update pending_receipt set event_id = coalesce(event::json ->> 'event_id', 'pending-' || id);
delete from pending_receipt p using pending_receipt earlier
    where earlier.transport_name = p.transport_name and earlier.event_id = p.event_id and earlier.id < p.id;
alter table pending_receipt alter column event_id set not null;
alter table pending_receipt add constraint pending_receipt_event unique (transport_name, event_id);
-- The sweeper deletes those older than richmond.api.pending-receipts.ttl.
create index pending_receipt_received_at on pending_receipt (received_at);

-- When the broker confirmed the keyword hand-over of an inbound SMS (keyword.<keyword>): a repeat of the SMS after
-- that is not handed over again; one before it is, so that a hand-over lost to a crash is made by the redelivery.
-- Null for SMS stored before this migration, which a repeat hands over again as it did then.
alter table received_sms add column handed_over_at timestamptz;
