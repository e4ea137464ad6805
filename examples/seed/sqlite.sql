-- Example CRM schema for the SQLite quickstart database (created by the quickstart, never by the agent).
create table customers (
  id integer primary key,
  name text not null,
  email text not null unique,
  created_at text not null default (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
create table orders (
  id integer primary key,
  customer_id integer not null references customers(id),
  product_code text not null,
  quantity integer not null check (quantity > 0),
  total text not null
);
create index orders_customer_id on orders(customer_id);
insert into customers(id, name, email) values (1, 'Ada Lovelace', 'ada@example.com'), (2, 'Grace Hopper', 'grace@example.com'), (3, 'Edsger Dijkstra', 'edsger@example.com');
insert into orders(customer_id, product_code, quantity, total) values (1, 'P-1', 2, '19.98'), (1, 'P-7', 1, '4.50'), (2, 'P-2', 1, '5.00');
