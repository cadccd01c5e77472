-- Commune names as people type them: lower case, without accents, hyphens and apostrophes as
-- spaces ("Saint-Étienne-d'Orthe" → "saint etienne d orthe"). One definition, used by the search
-- (GET /v1/communes?q=, the pages) and by its index; IMMUTABLE so that the index can use it.
CREATE FUNCTION commune_search_key(name text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
  SELECT btrim(regexp_replace(
    translate(replace(replace(lower(name), 'œ', 'oe'), 'æ', 'ae'),
              'àâäáãåçéèêëíìîïñóòôöõúùûüýÿ''’-', 'aaaaaaceeeeiiiinooooouuuuyy   '),
    '\s+', ' ', 'g'))
$$;--> statement-breakpoint
-- Prefix matches (LIKE 'key%') on 35,000 names through text_pattern_ops.
CREATE INDEX communes_search_key_idx ON communes (commune_search_key(name) text_pattern_ops);
