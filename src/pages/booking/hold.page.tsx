// Choosing a slot once signed in: POST /reserver/{slotId} holds it (core holdSlot, the same
// booking limiter as the API), then the booking form; POST /reservation/{holdId}/prolonger gives
// the hold its full time again (core extendHold, RGAA 13.1): it is the booking form's second
// submit, and what was typed is kept for the form (auth/draft.ts). Each POST redirects to a GET.
import type { Context } from 'hono';
import { keepDraft, sessionCaller, signInPath, type Session } from '../../auth';
import { extendHold, holdSlot } from '../../core/holds/holds.operations';
import { Uuid } from '../../lib/openapi';
import { ProblemError } from '../../domain/problem';
import type { AppEnv } from '../../app-env';
import { notFoundPage } from '../errors';
import { referralQuery, type Referral } from '../../domain/referral';
import { referralFrom, reservePage, signInToHold } from '../reserve.page';
import { typedFields } from './form.page';
import { bookingLimit, limitedAction } from '../limited-action';

/** A refusal the page explains itself (the slot was taken meanwhile, the hold ended…). */
const refusedWith = (error: unknown, codes: string[]) => error instanceof ProblemError && codes.includes(error.code);

/**
 * How long after signing in the way back may hold the slot by a GET: long enough for the provider's
 * redirects, too short for a link sent later to hold slots in someone's name.
 */
const FRESH_SIGN_IN_SECONDS = 120;

function holdAndOpen(c: Context<AppEnv>, slotId: string, session: Session, referral: Referral | undefined) {
  const hold = async (cc: Context<AppEnv>) => {
    const config = cc.var.config();
    try {
      const { hold: held } = await holdSlot(cc.var.db, sessionCaller(session), slotId, undefined, {
        minutes: config.HOLD_MINUTES,
        now: cc.var.now,
        referral,
      });
      return cc.redirect(`/reservation/${held.id}`, 303);
    } catch (error) {
      // Taken meanwhile: the slot's page says so, with the way to the free ones.
      if (refusedWith(error, ['slot_unavailable', 'not_found'])) return reservePage(cc);
      throw error;
    }
  };
  return limitedAction(c, bookingLimit(slotId), hold);
}

export async function holdPage(c: Context<AppEnv>) {
  const id = Uuid.safeParse(c.req.param('slotId'));
  if (!id.success) return notFoundPage(c);
  const referral = referralFrom(await c.req.parseBody());
  const session = c.var.session;
  if (!session) return c.redirect(signInToHold(id.data, referral), 303);
  return holdAndOpen(c, id.data, session, referral);
}

/**
 * GET /reserver/{slotId}/garder: the way back from FranceConnect. The person chose the slot before
 * signing in, so it is held and the form opens, rather than showing step 1 again. Only straight
 * after sign-in (a GET must not hold a slot for whoever follows a link later): otherwise step 1,
 * whose button holds it.
 */
export async function holdAfterSignInPage(c: Context<AppEnv>) {
  const id = Uuid.safeParse(c.req.param('slotId'));
  if (!id.success) return notFoundPage(c);
  const referral = referralFrom(c.req.query());
  const session = c.var.session;
  if (!session) return c.redirect(signInToHold(id.data, referral), 303);
  const fresh = c.var.now.getTime() / 1000 - session.startedAt <= FRESH_SIGN_IN_SECONDS;
  if (!fresh) return c.redirect(`/reserver/${id.data}${referralQuery(referral)}`, 303);
  return holdAndOpen(c, id.data, session, referral);
}

export async function extendPage(c: Context<AppEnv>) {
  const id = Uuid.safeParse(c.req.param('holdId'));
  if (!id.success) return notFoundPage(c);
  const session = c.var.session;
  if (!session) return c.redirect(signInPath(`/reservation/${id.data}`), 303);
  const typed = typedFields(await c.req.parseBody());
  const extend = async (cc: Context<AppEnv>) => {
    const config = cc.var.config();
    try {
      const hold = await extendHold(cc.var.db, sessionCaller(session), id.data, {
        minutes: config.HOLD_MINUTES,
        now: cc.var.now,
        maxExtensions: config.HOLD_MAX_EXTENSIONS,
      });
      await keepDraft(cc, id.data, typed, new Date(hold.expiresAt));
      return cc.redirect(`/reservation/${id.data}?prolonge=1`, 303);
    } catch (error) {
      // The form page explains an ended hold or the last extension used.
      if (refusedWith(error, ['hold_expired', 'hold_not_active', 'hold_extension_limit_reached', 'slot_unavailable'])) {
        await keepDraft(cc, id.data, typed, new Date(cc.var.now.getTime() + config.HOLD_MINUTES * 60_000));
        return cc.redirect(`/reservation/${id.data}?prolongation=refusee`, 303);
      }
      throw error;
    }
  };
  return limitedAction(c, bookingLimit(id.data), extend);
}
