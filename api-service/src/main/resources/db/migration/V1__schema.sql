-- Richmond's API schema: protocols.md §4.1, plus a normalized status, receipt history and two outboxes.

create table account (
    id            bigserial primary key,
    username      varchar(150) not null unique,
    password_hash varchar(100) not null,
    -- requests per rate-limit window; null means the configured default
    rate_limit    integer,
    created_at    timestamptz not null,
    updated_at    timestamptz not null
);

-- Which account an inbound SMS to a number belongs to.
create table number_route (
    msisdn     varchar(32) primary key,
    account_id bigint not null references account (id) on delete cascade
);

-- Allocated 100 at a time so that a batch of recipients takes ids without a round trip each.
create sequence sent_sms_seq increment by 100;

create table sent_sms (
    id                       bigint primary key,
    account_id               bigint not null references account (id) on delete cascade,
    message_id               varchar(32) not null unique,
    to_msisdn                varchar(100) not null,
    from_msisdn              varchar(100) not null,
    charset                  varchar(32) not null,
    message                  text not null,
    encoding                 varchar(8) not null,
    segments                 integer not null,
    transport_name           varchar(32) not null,
    transport_msg_id         varchar(256) not null,
    transport_status         varchar(256) not null,
    transport_status_display varchar(256) not null,
    status                   varchar(16) not null,
    failure_reason           text,
    created_at               timestamptz not null,
    updated_at               timestamptz not null,
    delivered_at             timestamptz,
    -- the outbox: null until the broker confirmed the user_message on <gw>.outbound
    published_at             timestamptz
);
create index sent_sms_account_updated on sent_sms (account_id, transport_name, updated_at);
create index sent_sms_provider_id on sent_sms (transport_name, transport_msg_id);
create index sent_sms_unpublished on sent_sms (created_at) where published_at is null;

-- Every delivery report as received, oldest first; the sent_sms row holds the status they add up to.
create table sms_receipt (
    id                   bigserial primary key,
    sent_sms_id          bigint not null references sent_sms (id) on delete cascade,
    event_id             varchar(64) not null unique,
    delivery_status      varchar(16) not null,
    status               varchar(16) not null,
    provider_status      varchar(256),
    provider_status_text varchar(256),
    provider_timestamp   timestamptz,
    received_at          timestamptz not null,
    transport_metadata   text not null
);
create index sms_receipt_sent_sms on sms_receipt (sent_sms_id);

-- Delivery reports naming a provider id that no ack has told us about yet.
create table pending_receipt (
    id                  bigserial primary key,
    transport_name      varchar(32) not null,
    provider_message_id varchar(256) not null,
    event               text not null,
    received_at         timestamptz not null
);
create index pending_receipt_provider_id on pending_receipt (transport_name, provider_message_id);

create table received_sms (
    id               bigserial primary key,
    account_id       bigint not null references account (id) on delete cascade,
    message_id       varchar(64) not null unique,
    to_msisdn        varchar(32) not null,
    from_msisdn      varchar(32) not null,
    charset          varchar(32) not null,
    message          text not null,
    transport_name   varchar(32) not null,
    transport_msg_id varchar(256) not null,
    received_at      timestamptz not null,
    created_at       timestamptz not null,
    updated_at       timestamptz not null
);

create table callback_url (
    id         bigserial primary key,
    account_id bigint not null references account (id) on delete cascade,
    name       varchar(32) not null,
    url        varchar(2048) not null,
    created_at timestamptz not null,
    updated_at timestamptz not null
);
create index callback_url_account_name on callback_url (account_id, name);

-- The outbox of callback jobs for callbacks.jobs.
create table callback_job (
    id           varchar(32) primary key,
    account_id   bigint not null references account (id) on delete cascade,
    payload      text not null,
    created_at   timestamptz not null,
    published_at timestamptz
);
create index callback_job_unpublished on callback_job (created_at) where published_at is null;

create table idempotency_key (
    account_id    bigint not null references account (id) on delete cascade,
    idem_key      varchar(255) not null,
    created_at    timestamptz not null,
    response_body text,
    primary key (account_id, idem_key)
);
