-- Callback delivery (callback-dispatcher, docs/callbacks.md): the accounts' signing secrets, each URL's body
-- format, every delivery attempt, and the deliveries that gave up.

-- 256 random bits as 64 hex digits; gen_random_uuid (PostgreSQL 13+) draws from the server's strong random source.
-- The default covers rows inserted without the API (scripts, tests); the API sets its own.
alter table account add column callback_secret varchar(64) not null
    default replace(gen_random_uuid()::text, '-', '') || replace(gen_random_uuid()::text, '-', '');

alter table callback_url add column format varchar(16) not null default 'multipart';

-- One row per POST tried (redirects followed count as one). Written by the dispatcher, read by the API.
create table callback_attempt (
    id              bigserial primary key,
    delivery_id     varchar(64) not null,
    job_id          varchar(32) not null,
    account_id      bigint not null references account (id) on delete cascade,
    -- no foreign key: the log outlives a deleted URL
    callback_url_id bigint not null,
    -- without user:pass@
    url             varchar(2048) not null,
    attempt         integer not null,
    -- null when no answer came (timeout, connection refused, refused by the SSRF guard)
    status_code     integer,
    latency_ms      integer not null,
    error           text,
    -- delivered, retrying or dead
    outcome         varchar(16) not null,
    attempted_at    timestamptz not null
);
create index callback_attempt_url on callback_attempt (callback_url_id, attempted_at desc);
create index callback_attempt_delivery on callback_attempt (delivery_id);

-- Deliveries that gave up, with the one-URL job that redelivers them (published again to callbacks.jobs).
create table callback_dead_delivery (
    delivery_id     varchar(64) primary key,
    account_id      bigint not null references account (id) on delete cascade,
    callback_url_id bigint not null,
    job             text not null,
    attempts        integer not null,
    last_error      text,
    dead_at         timestamptz not null,
    redelivered_at  timestamptz
);
