-- The retention's delete of runs that ended long ago (DurableGraphs.Builder.retention) finds them by status and end.
create index skein_run_ended_idx on skein_run (status, ended_at);
