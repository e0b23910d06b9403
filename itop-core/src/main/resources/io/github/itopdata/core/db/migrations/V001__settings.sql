-- Key-value settings that the product stores for itself, such as the model fingerprint.
CREATE TABLE itop_setting (
    name text PRIMARY KEY,
    value text NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);
