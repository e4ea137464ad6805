-- Example CRM schema and a least-privilege account for the agent (PostgreSQL).
create table customers (
  id bigint generated always as identity primary key,
  name text not null,
  email text not null unique,
  created_at timestamp not null default now()
);
create table orders (
  id bigint generated always as identity primary key,
  customer_id bigint not null references customers(id),
  product_code text not null,
  quantity integer not null check (quantity > 0),
  total numeric(12,2) not null
);
create index orders_customer_id on orders(customer_id);

insert into customers(name, email)
select 'Customer ' || g, 'customer' || g || '@example.com' from generate_series(1, 100) g;
insert into orders(customer_id, product_code, quantity, total)
select 1 + (g % 100), 'P-' || (g % 17), 1 + (g % 5), ((g % 50) + 0.99)::numeric(12,2) from generate_series(1, 1000) g;

-- The agent's account: SELECT on the two tables, UPDATE of one column only.
create role onprest_agent login password 'onprest-dev-password';
grant select on customers, orders to onprest_agent;
grant update (email) on customers to onprest_agent;
