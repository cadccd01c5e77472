// The Brevo adapter against the provider's twin: what each answer becomes, and nothing sent
// without a complete configuration.
import { describe, expect, it } from 'vitest';
import { configOf, type Env } from '../src/env';
import { brevoProvider } from '../src/events/notifications/brevo';
import { sendDueNotifications } from '../src/events/notifications/cron';
import { env } from './helpers/env';
import { book, patientBody } from './helpers/fixtures';
import { missionDay, planning } from './helpers/mission-day';
import { messagesTo, notificationsOf, waitForNotifications } from './helpers/sink';
import { token } from './helpers/tokens';

const configured = (over: Partial<Env>) =>
  brevoProvider(configOf({ ...env, ...over }), new Date('2026-12-02T08:00:00Z'));
const sms = (to: string) => ({ to, text: 'Test', tag: 'confirmation' });

describe('the Brevo adapter', () => {
  it('sends an SMS and an email, and returns the provider’s message ids', async () => {
    const { provider } = configured({});
    const to = `+3361${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
    expect(await provider!.sendSms(sms(to))).toMatchObject({ ok: true, messageId: expect.stringMatching(/^\d+$/) });
    const [received] = await messagesTo(to);
    expect(received).toMatchObject({ channel: 'sms', sender: 'MedecinPres', text: 'Test', tag: 'confirmation' });
    const email = `a-${crypto.randomUUID()}@example.fr`;
    expect(
      await provider!.sendEmail({ to: email, subject: 'S', text: 'T', html: '<p>T</p>', tag: 'reminder' }),
    ).toMatchObject({ ok: true, messageId: expect.stringContaining('@') });
  });

  it('a wrong key is unauthorized (retried: the operators fix it); a number the provider refuses is final', async () => {
    expect(await configured({ MESSAGES_API_KEY: 'wrong' }).provider!.sendSms(sms('+33612345678'))).toEqual({
      ok: false,
      error: 'unauthorized',
      permanent: false,
      retryAfterSeconds: undefined,
    });
    expect(await configured({}).provider!.sendSms(sms('+3361'))).toMatchObject({
      ok: false,
      error: 'rejected',
      permanent: true,
    });
  });

  it('names the settings it lacks', () => {
    expect(configured({ MESSAGES_API_KEY: undefined, SMS_SENDER: undefined }).missing).toEqual([
      'MESSAGES_API_KEY',
      'SMS_SENDER',
    ]);
  });
});

describe('without configuration', () => {
  it('nothing is sent: due messages stay scheduled, unattempted', async () => {
    const d = await missionDay({ date: '2026-12-23' });
    const res = await book(planning, await token('patient'), { slotId: d.slotIds[0], patient: patientBody() });
    expect(res.status).toBe(201);
    const rows = await waitForNotifications(res.body.id, (r) => r.some((n) => n.kind === 'reminder'));
    const reminder = rows.find((r) => r.kind === 'reminder')!;
    const report = await sendDueNotifications({ ...env, MESSAGES_API_KEY: undefined }, new Date(reminder.due_at));
    expect(report).toEqual({ sent: 0, retried: 0, failed: 0, retired: 0 });
    expect((await notificationsOf(res.body.id)).find((r) => r.kind === 'reminder')).toMatchObject({
      status: 'scheduled',
      attempts: 0,
    });
  });
});
