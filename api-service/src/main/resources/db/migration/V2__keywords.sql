-- Keywords: an inbound SMS whose first word is a keyword registered for its number belongs to the keyword's
-- account, and is handed to that account's workers on keyword.<keyword>.

create table keyword (
    id         bigserial primary key,
    account_id bigint not null references account (id) on delete cascade,
    -- without a leading '+', so that +2783... and 2783... are one number
    number     varchar(32) not null,
    -- lower case: matching ignores case
    keyword    varchar(32) not null,
    created_at timestamptz not null,
    -- one account per keyword and number; also the index inbound SMS are matched with
    unique (number, keyword)
);
create index keyword_account on keyword (account_id);

-- The keyword an inbound SMS matched when it was stored: a redelivered message is handed to the same workers
-- even if the keyword was deleted or registered again since.
alter table received_sms add column keyword varchar(32);
