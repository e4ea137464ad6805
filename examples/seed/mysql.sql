-- Example CRM schema and a least-privilege account for the agent (MySQL 8 / MariaDB 10.11+).
create table customers (
  id bigint auto_increment primary key,
  name varchar(200) not null,
  email varchar(254) not null unique,
  created_at datetime not null default current_timestamp
);
create table orders (
  id bigint auto_increment primary key,
  customer_id bigint not null,
  product_code varchar(32) not null,
  quantity int not null check (quantity > 0),
  total decimal(12,2) not null,
  foreign key (customer_id) references customers(id)
);
create index orders_customer_id on orders(customer_id);
insert into customers(name, email) values ('Ada Lovelace', 'ada@example.com'), ('Grace Hopper', 'grace@example.com');
insert into orders(customer_id, product_code, quantity, total) values (1, 'P-1', 2, 19.98), (2, 'P-2', 1, 5.00);

create user 'onprest_agent'@'%' identified by 'onprest-dev-password';
grant select on crm.customers to 'onprest_agent'@'%';
grant select on crm.orders to 'onprest_agent'@'%';
grant update (email) on crm.customers to 'onprest_agent'@'%';
