// Sessions ended before their cookie expires. The cookie carries the whole session (src/auth/
// session.ts); the server keeps only the ids of those that ended early, each until the session's
// absolute limit, after which the cookie is refused on its own and the row is of no use.
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';

/**
 * Ends session `sid` for good; rows past their limit go in the same statement (a sign-out is rare
 * enough to carry the clean-up, and the table stays as small as the sessions ended early and alive).
 */
export async function revokeSession(db: Db, sid: string, until: Date, now: Date): Promise<void> {
  await db.execute(sql`
    WITH expired AS (DELETE FROM revoked_sessions WHERE until <= ${now})
    INSERT INTO revoked_sessions (sid, until) VALUES (${sid}, ${until})
    ON CONFLICT (sid) DO NOTHING`);
}

/** Whether session `sid` was ended: one primary-key lookup, on every page request with a session. */
export async function isRevoked(db: Db, sid: string): Promise<boolean> {
  const { rows } = await db.execute(sql`SELECT 1 FROM revoked_sessions WHERE sid = ${sid}`);
  return rows.length > 0;
}
