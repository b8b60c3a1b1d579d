-- What each Idempotency-Key was used for: the SHA-256 (64 hex digits) of the request's operation, gateway and
-- SMS, so that the key reused for another request is refused rather than answered with this one's answer.
-- Keys stored before have none and replay for any request, as they did.
alter table idempotency_key add column request_hash varchar(64);
