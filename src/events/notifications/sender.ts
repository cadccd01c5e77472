// Sends claimed messages through the provider and records each outcome: sent, retried on the
// schedule (honouring Retry-After), failed after the last attempt, or retired when the booking has
// moved on. Texts are built here from the booking as it is now, and never logged.
import type { Db } from '../../db/client';
import type { EnvVars } from '../../env';
import { emailMessage, smsText, type MessageFacts } from '../../domain/notifications/messages';
import { nextAttemptAt } from '../../domain/notifications/schedule';
import { linkTokenHash, newLinkToken } from '../../lib/link-token';
import { errorSummary, log } from '../../lib/log';
import { countMetric } from '../../lib/metrics';
import type { ProviderSetup } from './brevo';
import {
  claimDue,
  recordLinks,
  recordOutcome,
  recordWaitlistLinks,
  type ClaimedRow,
  type Outcome,
} from './notifications.queries';
import type { MessageProvider, SendOutcome } from './provider';

/** Longer than any call to the provider: a claim whose worker died is taken again after it. */
const LEASE_MS = 10 * 60_000;
/** Per cron run: BATCHES claims of BATCH messages, CONCURRENCY calls at a time (Workers allow 6 connections). */
const BATCH = 50;
const BATCHES = 6;
const CONCURRENCY = 5;

export interface SendReport {
  sent: number;
  retried: number;
  failed: number;
  retired: number;
}

function factsOf(row: ClaimedRow, config: EnvVars, linkToken: string | undefined): MessageFacts {
  return {
    kind: row.kind,
    reference: row.reference,
    linkToken,
    startsAt: new Date(row.starts_at),
    timeZone: row.time_zone,
    ...(row.offer_expires_at ? { offerExpiresAt: new Date(row.offer_expires_at) } : {}),
    siteName: row.site_name,
    address: row.address,
    publicUrl: config.PUBLIC_URL,
    callCentrePhone: config.CALL_CENTRE_PHONE,
  };
}

async function attempt(
  provider: MessageProvider,
  row: ClaimedRow,
  config: EnvVars,
  linkToken: string | undefined,
): Promise<SendOutcome> {
  const facts = factsOf(row, config, linkToken);
  if (row.channel === 'sms') return provider.sendSms({ to: row.phone, text: smsText(facts), tag: row.kind });
  const email = emailMessage(facts);
  // The booking's email was checked when the row was planned (bookings_notify_email_given).
  return provider.sendEmail({ to: row.email!, ...email, tag: row.kind });
}

/** Only a cancellation notice concerns a booking that is no longer booked; an offer's message, only a live offer. */
const stillRelevant = (row: ClaimedRow) =>
  row.kind === 'waitlist_offer'
    ? row.booking_status === 'offered'
    : row.kind === 'cancellation' || row.booking_status === 'booked';

/**
 * A personal link for each message that will go out about a booked booking (a cancellation has
 * none: its booking can no longer be managed). The token is drawn here, as the text is built, and
 * only its hash is stored, before sending, so that the link works as soon as it arrives. A retry
 * draws a new one: the text is never stored, so the earlier token cannot be recovered.
 */
async function linksFor(db: Db, rows: ClaimedRow[], now: Date): Promise<Map<string, string>> {
  const tokens = new Map<string, string>();
  const links = [];
  const offerLinks = [];
  for (const row of rows) {
    if (row.kind === 'cancellation' || !stillRelevant(row)) continue;
    const token = newLinkToken();
    tokens.set(row.id, token);
    const tokenHash = await linkTokenHash(token);
    if (row.kind === 'waitlist_offer') offerLinks.push({ tokenHash, entryId: row.entry_id!, notificationId: row.id });
    else links.push({ tokenHash, bookingId: row.booking_id!, slotId: row.slot_id, notificationId: row.id });
  }
  await recordLinks(db, links, now);
  await recordWaitlistLinks(db, offerLinks, now);
  return tokens;
}

async function sendOne(
  db: Db,
  provider: MessageProvider,
  row: ClaimedRow,
  config: EnvVars,
  now: Date,
  linkToken: string | undefined,
): Promise<Outcome['kind']> {
  let outcome: Outcome;
  if (!stillRelevant(row)) outcome = { kind: 'retired' };
  else {
    let sent: SendOutcome;
    try {
      sent = await attempt(provider, row, config, linkToken);
    } catch (error) {
      log('error', 'message_send_crashed', { notificationId: row.id, error: errorSummary(error) });
      sent = { ok: false, error: 'network', permanent: false };
    }
    if (sent.ok) outcome = { kind: 'sent', messageId: sent.messageId };
    else {
      const next = sent.permanent ? null : nextAttemptAt(row.attempts, now, sent.retryAfterSeconds);
      outcome = next ? { kind: 'retry', error: sent.error, at: next } : { kind: 'failed', error: sent.error };
      log('warn', 'message_not_sent', {
        notificationId: row.id,
        bookingId: row.booking_id,
        entryId: row.entry_id,
        kind: row.kind,
        channel: row.channel,
        attempts: row.attempts,
        error: sent.error,
        final: !next,
      });
    }
  }
  await recordOutcome(db, row, outcome, now);
  return outcome.kind;
}

/**
 * Sends what is due at `now` (or only `ids`, just planned), in bounded batches. Without a complete
 * provider configuration nothing is claimed: messages stay scheduled and an error is logged.
 */
export async function sendDue(
  db: Db,
  setup: ProviderSetup,
  config: EnvVars,
  now: Date,
  ids?: string[],
): Promise<SendReport> {
  const report: SendReport = { sent: 0, retried: 0, failed: 0, retired: 0 };
  if (!setup.provider) {
    log('error', 'messages_not_configured', { missing: setup.missing.join(',') });
    return report;
  }
  const counts: Record<Outcome['kind'], keyof SendReport> = {
    sent: 'sent',
    retry: 'retried',
    failed: 'failed',
    retired: 'retired',
  };
  for (let i = 0; i < (ids ? 1 : BATCHES); i++) {
    const rows = await claimDue(db, now, new Date(now.getTime() + LEASE_MS), ids ? ids.length : BATCH, ids);
    const tokens = await linksFor(db, rows, now);
    for (let j = 0; j < rows.length; j += CONCURRENCY) {
      const outcomes = await Promise.all(
        rows.slice(j, j + CONCURRENCY).map((row) => sendOne(db, setup.provider, row, config, now, tokens.get(row.id))),
      );
      for (const o of outcomes) report[counts[o]] += 1;
    }
    if (rows.length < BATCH) break;
  }
  countMetric('message_failed', undefined, report.failed);
  return report;
}
