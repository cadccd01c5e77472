// A form's values across "Prolonger": the extension is a second submit of the booking form, and
// its answer redirects to the form's GET (no "resubmit?" on reload). What was typed travels in a
// sealed cookie rather than the URL, since it is personal data; it is bound to this session and
// this hold, and ends with the hold.
import type { Context } from 'hono';
import type { AppEnv } from '../app-env';
import { clearCookie, readCookie, writeCookie } from './cookies';
import { open, seal } from './sealed';

export async function keepDraft(
  c: Context<AppEnv>,
  holdId: string,
  values: Record<string, string | boolean>,
  until: Date,
) {
  const config = c.var.config();
  if (!c.var.session || !config.SESSION_SECRET) return;
  writeCookie(
    c,
    config,
    'draft',
    await seal(config.SESSION_SECRET, 'draft', { sid: c.var.session.sid, holdId, values }, c.var.now, until),
  );
}

/** The values kept for this hold by this session, or undefined. */
export async function readDraft(c: Context<AppEnv>, holdId: string): Promise<Record<string, unknown> | undefined> {
  const config = c.var.config();
  const value = readCookie(c, config, 'draft');
  if (!value || !c.var.session || !config.SESSION_SECRET) return undefined;
  const opened = await open(config.SESSION_SECRET, 'draft', value, c.var.now);
  if (!opened.ok || opened.payload.sid !== c.var.session.sid || opened.payload.holdId !== holdId) return undefined;
  return typeof opened.payload.values === 'object' && opened.payload.values !== null
    ? (opened.payload.values as Record<string, unknown>)
    : undefined;
}

export function dropDraft(c: Context<AppEnv>) {
  const config = c.var.config();
  if (readCookie(c, config, 'draft')) clearCookie(c, config, 'draft');
}
