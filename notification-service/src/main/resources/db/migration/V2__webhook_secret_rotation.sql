-- A rotated secret: the one it replaced keeps signing deliveries (as a second signature) until the grace period the
-- rotation asked for ends, so receivers can switch over without refusing a delivery. Kept like the current secret.
alter table webhook_endpoint
    add column previous_secret            text,
    add column previous_secret_expires_at timestamptz;
