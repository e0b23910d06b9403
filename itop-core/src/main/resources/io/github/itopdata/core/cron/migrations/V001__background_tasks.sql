-- Registry of background processes and their run statistics, one row per process name.
CREATE TABLE cron_background_task (
    id bigserial PRIMARY KEY,
    class_name text NOT NULL UNIQUE,
    status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused', 'removed')),
    first_run_date timestamptz,
    latest_run_date timestamptz,
    next_run_date timestamptz,
    total_exec_count integer NOT NULL DEFAULT 0,
    latest_run_duration numeric(12, 3) NOT NULL DEFAULT 0,
    min_run_duration numeric(12, 3) NOT NULL DEFAULT 99999.999,
    max_run_duration numeric(12, 3) NOT NULL DEFAULT 0,
    average_run_duration numeric(12, 3) NOT NULL DEFAULT 0,
    running boolean NOT NULL DEFAULT false,
    -- iTop names this column system_user, a reserved word in PostgreSQL 16 and later.
    run_by_user text
);

-- Queue of asynchronous tasks (e-mails to send). A task that succeeds is deleted.
CREATE TABLE cron_async_task (
    id bigserial PRIMARY KEY,
    task_class text NOT NULL,
    status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'running', 'idle', 'error')),
    created timestamptz NOT NULL,
    started timestamptz,
    planned timestamptz,
    event_id bigint,
    remaining_retries integer,
    last_error_code integer,
    last_error text,
    last_attempt timestamptz
);

-- The message of an e-mail task (task_class 'AsyncSendEmail'), deleted with its task.
CREATE TABLE cron_async_email (
    task_id bigint PRIMARY KEY REFERENCES cron_async_task (id) ON DELETE CASCADE,
    version integer NOT NULL DEFAULT 2,
    sender text NOT NULL,
    to_addresses text[] NOT NULL,
    cc_addresses text[] NOT NULL DEFAULT '{}',
    bcc_addresses text[] NOT NULL DEFAULT '{}',
    subject text NOT NULL,
    body text NOT NULL,
    content_type text NOT NULL,
    header_names text[] NOT NULL DEFAULT '{}',
    header_values text[] NOT NULL DEFAULT '{}'
);

CREATE INDEX cron_async_task_planned_idx ON cron_async_task (created, id) WHERE status = 'planned';
CREATE INDEX cron_async_task_error_idx ON cron_async_task (last_attempt) WHERE status = 'error';
