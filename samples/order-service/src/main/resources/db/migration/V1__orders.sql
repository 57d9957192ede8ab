-- Runs on H2 (MODE=PostgreSQL) and on PostgreSQL.
create table product (
    id          varchar(64)  primary key,
    name        varchar(200) not null,
    price_cents bigint       not null,
    stock       integer      not null check (stock >= 0),
    -- the optimistic strategy's version, bumped by every change of stock
    version     bigint       not null default 0,
    -- the redis-lock strategy's fencing token: the highest token that wrote the row
    fence       bigint       not null default 0
);

create table orders (
    id              varchar(36)  primary key,
    idempotency_key varchar(200) unique,
    product_id      varchar(64)  not null references product (id),
    quantity        integer      not null check (quantity > 0),
    amount_cents    bigint       not null,
    status          varchar(16)  not null,
    reason          varchar(500),
    created_at      timestamp with time zone not null,
    updated_at      timestamp with time zone not null
);

create table stock_reservation (
    order_id   varchar(36) primary key references orders (id),
    product_id varchar(64) not null references product (id),
    quantity   integer     not null,
    status     varchar(16) not null
);

insert into product (id, name, price_cents, stock) values ('sku-1', 'Skein socks', 2500, 10);
