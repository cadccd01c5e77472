// Sending on time and retrying, driven by the cron with injected times (createScheduledController).
// Every test of this file drives the scheduled handler, so they live together and run in order:
// a run at a late time also sends whatever else is due, and claims are bounded, so each waits for
// its own rows rather than assuming one run is enough.
import { createScheduledController } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import worker from '../src/index';
import { notificationDeliverer } from '../src/events/notifications/deliverer';
import { toEvent, type EventRow } from '../src/core/outbox/event';
import { env } from './helpers/env';
import { book, patientBody } from './helpers/fixtures';
import { at, missionDay, planning } from './helpers/mission-day';
import {
  fault,
  messagesTo,
  notificationsOf,
  waitForMessages,
  waitForNotifications,
  type NotificationRow,
} from './helpers/sink';
import { sql } from './helpers/sql';
import { token } from './helpers/tokens';

const e164 = (national: string) => `+33${national.slice(1)}`;
const iso = (t: Date | string | null) => (t ? new Date(t).toISOString() : null);

const cron = (at: Date | string, bindings = env) =>
  worker.scheduled(createScheduledController({ scheduledTime: new Date(at), cron: '* * * * *' }), bindings);

/** Runs the cron at `at` until `row` has been attempted past `attempts` (other due rows may fill a run). */
async function cronUntil(
  at: Date | string,
  bookingId: string,
  done: (rows: NotificationRow[]) => boolean,
  bindings = env,
) {
  for (let i = 0; i < 15; i++) {
    await cron(at, bindings);
    const rows = await notificationsOf(bookingId);
    if (done(rows)) return rows;
  }
  expect.fail(`cron at ${iso(at)} never finished the messages of ${bookingId}`);
}

/** A booking in a fresh mission day, by a new web patient with a mobile and no email. */
async function bookedWithSms(options: Parameters<typeof missionDay>[0], patient = patientBody()) {
  const d = await missionDay(options);
  const res = await book(planning, await token('patient'), { slotId: d.slotIds[0], patient });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { id: res.body.id as string, phone: e164(patient.phone as string), d };
}

const reminderOf = (rows: NotificationRow[]) => rows.find((r) => r.kind === 'reminder' && r.channel === 'sms')!;

describe('reminders fire at the configured local time, the evening before', () => {
  const cases = [
    // Paris, across the spring change: the Monday's eve is the first day of summer time (UTC+2).
    {
      where: 'Europe/Paris, on the first evening of summer time',
      date: '2027-03-29',
      insee: undefined,
      due: '2027-03-28T16:00:00.000Z',
    },
    // Paris, the day the clocks change: the eve is still winter time (UTC+1).
    {
      where: 'Europe/Paris, on the eve of the change',
      date: '2027-03-28',
      insee: undefined,
      due: '2027-03-27T17:00:00.000Z',
    },
    { where: 'America/Cayenne (UTC−3)', date: '2027-02-10', insee: '97311', due: '2027-02-09T21:00:00.000Z' },
    { where: 'Indian/Reunion (UTC+4)', date: '2027-02-11', insee: '97412', due: '2027-02-10T14:00:00.000Z' },
  ];
  for (const c of cases) {
    it(c.where, async () => {
      const { id, phone } = await bookedWithSms({ date: c.date, insee: c.insee });
      const rows = await waitForNotifications(
        id,
        (r) => r.some((n) => n.kind === 'confirmation' && n.status === 'sent') && r.some((n) => n.kind === 'reminder'),
      );
      expect(iso(reminderOf(rows).due_at)).toBe(c.due);

      await cron(new Date(Date.parse(c.due) - 60_000));
      expect(reminderOf(await notificationsOf(id))).toMatchObject({ status: 'scheduled', attempts: 0 });
      const sent = await cronUntil(c.due, id, (r) => reminderOf(r).status !== 'scheduled');
      expect(reminderOf(sent)).toMatchObject({ status: 'sent', attempts: 1 });
      expect(iso(reminderOf(sent).sent_at)).toBe(c.due);
      const messages = await messagesTo(phone);
      expect(messages.map((m) => m.text.split(' ')[0])).toEqual(['RDV', 'Rappel']);
      expect(messages[1].text).toContain('demain');
    });
  }
});

describe('a failing provider', () => {
  it('5xx: retried after 1, 5 and 30 minutes, 2 h and 6 h, then failed', async () => {
    const failedCounts: number[] = [];
    const metrics: AnalyticsEngineDataset = {
      writeDataPoint: (point) => {
        if (point?.blobs?.[0] === 'message_failed' && point.blobs[2] === 'background')
          failedCounts.push(point.doubles![0]);
      },
    };
    const patient = patientBody();
    await fault(e164(patient.phone), '5xx', 6);
    const { id, phone } = await bookedWithSms({ date: '2026-12-18' }, patient);
    // The immediate attempt runs at the event's time (the planning clock, 08:00Z).
    let rows = await waitForNotifications(id, (r) =>
      r.some((n) => n.kind === 'confirmation' && n.attempts === 1 && n.last_error !== null),
    );
    const confirmation = () => rows.find((r) => r.kind === 'confirmation')!;
    expect(confirmation()).toMatchObject({ status: 'scheduled', last_error: 'provider_5xx' });
    const expected = [
      '2026-12-01T08:01:00.000Z',
      '2026-12-01T08:06:00.000Z',
      '2026-12-01T08:36:00.000Z',
      '2026-12-01T10:36:00.000Z',
      '2026-12-01T16:36:00.000Z',
    ];
    expect(iso(confirmation().next_attempt_at)).toBe(expected[0]);
    for (let attempt = 2; attempt <= 6; attempt++) {
      const at = iso(confirmation().next_attempt_at)!;
      // A minute early, nothing happens.
      await cron(new Date(Date.parse(at) - 60_000));
      expect((await notificationsOf(id)).find((r) => r.kind === 'confirmation')!.attempts).toBe(attempt - 1);
      rows = await cronUntil(
        at,
        id,
        (r) => r.find((n) => n.kind === 'confirmation')!.attempts === attempt,
        attempt === 6 ? { ...env, METRICS: metrics } : env,
      );
      if (attempt < 6) expect(iso(confirmation().next_attempt_at)).toBe(expected[attempt - 1]);
    }
    expect(confirmation()).toMatchObject({
      status: 'failed',
      attempts: 6,
      last_error: 'provider_5xx',
      next_attempt_at: null,
      sent_at: null,
    });
    // The final failure is counted for operators (src/lib/metrics.ts), as background work.
    expect(failedCounts.reduce((sum, n) => sum + n, 0)).toBeGreaterThanOrEqual(1);
    expect(await messagesTo(phone)).toEqual([]);
  });

  it('429 with Retry-After: waits as long as asked, then sends', async () => {
    const patient = patientBody();
    await fault(e164(patient.phone), '429', 1, 240);
    const { id, phone } = await bookedWithSms({ date: '2026-12-18' }, patient);
    const rows = await waitForNotifications(id, (r) =>
      r.some((n) => n.kind === 'confirmation' && n.last_error === 'rate_limited'),
    );
    const confirmation = rows.find((r) => r.kind === 'confirmation')!;
    expect(iso(confirmation.next_attempt_at)).toBe('2026-12-01T08:04:00.000Z');
    await cron('2026-12-01T08:03:00Z');
    expect((await notificationsOf(id)).find((r) => r.kind === 'confirmation')!.status).toBe('scheduled');
    const sent = await cronUntil(
      '2026-12-01T08:04:00Z',
      id,
      (r) => r.find((n) => n.kind === 'confirmation')!.status === 'sent',
    );
    expect(sent.find((r) => r.kind === 'confirmation')).toMatchObject({ attempts: 2, last_error: null });
    expect(await waitForMessages(phone)).toHaveLength(1);
  });

  it('a provider that hangs past the timeout: timeout, then retried', async () => {
    const patient = patientBody();
    await fault(e164(patient.phone), 'hang', 1);
    const { id, phone } = await bookedWithSms({ date: '2026-12-18' }, patient);
    const rows = await waitForNotifications(id, (r) =>
      r.some((n) => n.kind === 'confirmation' && n.last_error === 'timeout'),
    );
    expect(iso(rows.find((r) => r.kind === 'confirmation')!.next_attempt_at)).toBe('2026-12-01T08:01:00.000Z');
    await cronUntil('2026-12-01T08:01:00Z', id, (r) => r.find((n) => n.kind === 'confirmation')!.status === 'sent');
    expect(await waitForMessages(phone)).toHaveLength(1);
  });
});

describe('duplicates', () => {
  it('an event delivered again creates and sends nothing twice', async () => {
    const { id, phone } = await bookedWithSms({ date: '2026-12-19' });
    await waitForMessages(phone);
    const [row] = await sql<EventRow>(`SELECT * FROM events WHERE booking_id = $1 AND type = 'booking.created'`, [id]);
    // Past the consumer's own deduplication: the deliverer itself, twice.
    const event = toEvent(row);
    await notificationDeliverer.deliver(event, env, new Date(event.occurredAt));
    await notificationDeliverer.deliver(event, env, new Date(event.occurredAt));
    const rows = await notificationsOf(id);
    expect(rows.map((r) => `${r.kind}/${r.channel}/${r.status}`)).toEqual([
      'confirmation/sms/sent',
      'reminder/sms/scheduled',
    ]);
    expect(await messagesTo(phone)).toHaveLength(1);
  });

  it('on the sandbox (SANDBOX=1) a due reminder is recorded as sent and reaches no one', async () => {
    const { id, phone } = await bookedWithSms({ date: '2026-12-23' });
    await waitForMessages(phone);
    const rows = await waitForNotifications(id, (r) => r.some((n) => n.kind === 'reminder'));
    const sandbox = { ...env, SANDBOX: '1' as const };
    for (let i = 0; i < 15 && reminderOf(await notificationsOf(id)).status === 'scheduled'; i++) {
      await worker.scheduled(
        createScheduledController({ scheduledTime: new Date(reminderOf(rows).due_at), cron: '* * * * *' }),
        sandbox,
      );
    }
    const [reminder] = await sql<{ status: string; provider_message_id: string | null }>(
      `SELECT status, provider_message_id FROM notifications WHERE booking_id = $1 AND kind = 'reminder'`,
      [id],
    );
    expect(reminder.status).toBe('sent');
    expect(reminder.provider_message_id).toMatch(/^sandbox-/);
    // Only the confirmation, sent before, by the real provider's twin.
    expect((await messagesTo(phone)).map((m) => m.text.slice(0, 7))).not.toContain('Rappel');
  });

  it('two crons at once send a due message once', async () => {
    const { id, phone } = await bookedWithSms({ date: '2026-12-21' });
    const rows = await waitForNotifications(id, (r) => r.some((n) => n.kind === 'reminder'));
    const due = reminderOf(rows).due_at;
    await Promise.all([cron(due), cron(due), cron(due)]);
    await cronUntil(due, id, (r) => reminderOf(r).status === 'sent');
    expect(reminderOf(await notificationsOf(id)).attempts).toBe(1);
    expect((await messagesTo(phone)).filter((m) => m.text.startsWith('Rappel'))).toHaveLength(1);
  });
});

describe('a notice that never gets through', () => {
  it('puts the booking on the agents’ call list once its last attempt fails', async () => {
    const patient = patientBody();
    const { id, d } = await bookedWithSms({ date: '2026-12-22' }, patient);
    await waitForMessages(e164(patient.phone as string));
    await fault(e164(patient.phone as string), '5xx', 6);
    const cancel = await at('2026-12-03T09:00:00Z').del(`/v1/missions/${d.mission.id}`, d.doctor.token);
    expect(cancel.status, JSON.stringify(cancel.body)).toBeLessThan(300);
    const notice = (rows: NotificationRow[]) => rows.find((r) => r.kind === 'cancellation');
    let rows = await waitForNotifications(id, (r) => notice(r)?.attempts === 1 && notice(r)?.last_error !== null);
    for (let attempt = 2; attempt <= 6; attempt++) {
      rows = await cronUntil(notice(rows)!.next_attempt_at!, id, (r) => notice(r)!.attempts === attempt);
    }
    expect(notice(rows)).toMatchObject({ status: 'failed', last_error: 'provider_5xx' });
    const [entry] = await sql<{ reason: string; kind: string; done_at: Date | null }>(
      `SELECT reason, kind, done_at FROM call_list WHERE booking_id = $1`,
      [id],
    );
    expect(entry).toEqual({ reason: 'notice_failed', kind: 'cancellation', done_at: null });
  });
});
