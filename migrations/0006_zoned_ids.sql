-- Slot (and hold) ids carry their zone: the first 8 hex digits are the EPCI SIREN. The per-zone
-- rate limiter then knows a booking's zone from the request alone, without a round trip. The rest
-- of the id stays random (version 4 bits untouched); clients treat ids as opaque.
CREATE FUNCTION zoned_uuid(p_siren text) RETURNS uuid LANGUAGE sql VOLATILE AS $$
  SELECT (lpad(to_hex(p_siren::int), 8, '0') || substr(gen_random_uuid()::text, 9))::uuid
$$;
