-- Skein's durable graphs (module skein-durable): the journal of runs, the instances that own them, and
-- db-scheduler's table for the recoveries. PostgreSQL is the reference; H2 runs it in MODE=PostgreSQL.
-- docs/durability.md describes each column.

create table skein_run (
  id varchar(36) not null primary key,
  graph varchar(200) not null,
  graph_version varchar(64) not null,
  input text,
  owner varchar(200) not null,
  status varchar(20) not null,
  outcome varchar(20),
  reason text,
  started_at timestamp with time zone not null,
  ended_at timestamp with time zone
);
create index skein_run_status_idx on skein_run (status, owner);

create table skein_task (
  run_id varchar(36) not null references skein_run (id) on delete cascade,
  task varchar(200) not null,
  outcome varchar(20) not null,
  result text,
  failure text,
  compensation varchar(20),
  compensation_failure text,
  started_at timestamp with time zone not null,
  ended_at timestamp with time zone,
  compensated_at timestamp with time zone,
  primary key (run_id, task)
);

create table skein_owner (
  id varchar(200) not null primary key,
  heartbeat_at timestamp with time zone not null
);

create table skein_scheduled_tasks (
  task_name text not null,
  task_instance text not null,
  task_data bytea,
  execution_time timestamp with time zone,
  picked boolean not null,
  picked_by text,
  last_success timestamp with time zone,
  last_failure timestamp with time zone,
  consecutive_failures int,
  last_heartbeat timestamp with time zone,
  version bigint not null,
  priority smallint,
  state text,
  primary key (task_name, task_instance)
);
create index skein_scheduled_tasks_execution_time_idx on skein_scheduled_tasks (execution_time);
create index skein_scheduled_tasks_last_heartbeat_idx on skein_scheduled_tasks (last_heartbeat);
create index skein_scheduled_tasks_priority_idx on skein_scheduled_tasks (priority desc, execution_time asc);
