-- Example CRM schema and a least-privilege account for the agent (SQL Server).
create table customers (
  id bigint identity primary key,
  name nvarchar(200) not null,
  email nvarchar(254) not null unique,
  created_at datetime2 not null default sysutcdatetime()
);
create table orders (
  id bigint identity primary key,
  customer_id bigint not null references customers(id),
  product_code nvarchar(32) not null,
  quantity int not null check (quantity > 0),
  total decimal(12,2) not null
);
create index orders_customer_id on orders(customer_id);
insert into customers(name, email) values (N'Ada Lovelace', N'ada@example.com'), (N'Grace Hopper', N'grace@example.com');
insert into orders(customer_id, product_code, quantity, total) values (1, N'P-1', 2, 19.98), (2, N'P-2', 1, 5.00);

create login onprest_agent with password = 'onprest-dev-Passw0rd';
create user onprest_agent for login onprest_agent;
grant select on customers to onprest_agent;
grant select on orders to onprest_agent;
grant update (email) on customers to onprest_agent;
