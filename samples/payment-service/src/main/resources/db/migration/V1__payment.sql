-- One row per order: the payment's state, changed only by the transitions PaymentResource allows.
create table payment (
    order_id     varchar(64)  not null primary key,
    status       varchar(16)  not null,
    amount_cents bigint       not null,
    reason       varchar(200),
    budget_ms    bigint,
    created_at   timestamp    not null,
    updated_at   timestamp    not null
);
