-- Users who may call the services, from the CLI or over HTTP.
-- Logins are unique whatever their case, as on iTop's usual MySQL collation.
CREATE TABLE itop_user (
    id bigserial PRIMARY KEY,
    login text NOT NULL CHECK (login <> ''),
    password_hash text,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX itop_user_login_key ON itop_user (lower(login));

-- Profiles granted to each user.
CREATE TABLE itop_user_profile (
    user_id bigint NOT NULL REFERENCES itop_user (id) ON DELETE CASCADE,
    profile text NOT NULL CHECK (profile IN ('Administrator', 'Configuration Manager', 'Reader')),
    PRIMARY KEY (user_id, profile)
);

-- Personal API tokens. Only the SHA-256 digest of a token is stored.
CREATE TABLE itop_api_token (
    id bigserial PRIMARY KEY,
    user_id bigint NOT NULL REFERENCES itop_user (id) ON DELETE CASCADE,
    token_sha256 text NOT NULL UNIQUE,
    description text NOT NULL DEFAULT '',
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    last_used_at timestamptz,
    revoked_at timestamptz
);
CREATE INDEX itop_api_token_user ON itop_api_token (user_id);

-- Recent failed logins, to slow down password guessing. Rows older than the
-- throttling window are deleted when new failures are recorded.
CREATE TABLE itop_login_failure (
    login text NOT NULL,
    address text NOT NULL,
    failed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX itop_login_failure_key ON itop_login_failure (lower(login), address, failed_at);
