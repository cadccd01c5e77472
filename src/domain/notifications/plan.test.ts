import { describe, expect, it } from 'vitest';
import { planMessages, type PlanInput } from './plan';

const occurredAt = new Date('2026-12-01T08:00:00Z');
const input = (over: Partial<PlanInput> = {}, booking: Partial<PlanInput['booking']> = {}): PlanInput => ({
  type: 'booking.created',
  cancelledBy: null,
  occurredAt,
  booking: {
    status: 'booked',
    startsAt: new Date('2026-12-16T08:00:00Z'),
    timeZone: 'Europe/Paris',
    sms: true,
    email: false,
    ...booking,
  },
  reminderLocalTime: '18:00',
  reminderSoonHours: 0,
  ...over,
});
const summary = (p: ReturnType<typeof planMessages>) =>
  p.messages.map((m) => `${m.kind}/${m.channel}@${m.dueAt.toISOString()}`);

describe('what an event calls for', () => {
  it('a booking: a confirmation now and a reminder the evening before, on each chosen channel', () => {
    const plan = planMessages(input({}, { email: true }));
    expect(plan.retire).toBe(false);
    expect(summary(plan)).toEqual([
      'confirmation/sms@2026-12-01T08:00:00.000Z',
      'confirmation/email@2026-12-01T08:00:00.000Z',
      'reminder/sms@2026-12-15T17:00:00.000Z',
      'reminder/email@2026-12-15T17:00:00.000Z',
    ]);
  });

  it('a reminder a few hours before too, when configured, and only if still ahead', () => {
    expect(summary(planMessages(input({ reminderSoonHours: 3 })))).toEqual([
      'confirmation/sms@2026-12-01T08:00:00.000Z',
      'reminder/sms@2026-12-15T17:00:00.000Z',
      'reminder_soon/sms@2026-12-16T05:00:00.000Z',
    ]);
    expect(
      summary(planMessages(input({ reminderSoonHours: 3, occurredAt: new Date('2026-12-16T06:00:00Z') }))),
    ).toEqual(['confirmation/sms@2026-12-16T06:00:00.000Z']);
    // An afternoon consultation 18 hours away: the short reminder would come before the evening one.
    expect(
      summary(planMessages(input({ reminderSoonHours: 24 }, { startsAt: new Date('2026-12-16T13:00:00Z') }))).map(
        (m) => m.split('@')[0],
      ),
    ).toEqual(['confirmation/sms', 'reminder/sms']);
  });

  it('booked the evening before: no reminder; no channel: nothing, and no call needed', () => {
    expect(summary(planMessages(input({ occurredAt: new Date('2026-12-15T19:00:00Z') })))).toEqual([
      'confirmation/sms@2026-12-15T19:00:00.000Z',
    ]);
    expect(planMessages(input({}, { sms: false }))).toEqual({ retire: false, messages: [] });
  });

  it('a move: earlier messages retired, a change notice now and the reminder at the new time', () => {
    const plan = planMessages(input({ type: 'booking.rescheduled' }, { startsAt: new Date('2026-12-20T13:00:00Z') }));
    expect(plan.retire).toBe(true);
    expect(summary(plan)).toEqual(['change/sms@2026-12-01T08:00:00.000Z', 'reminder/sms@2026-12-19T17:00:00.000Z']);
  });

  it('a cancellation by the doctor, an agent or an admin: a notice; by the patient or their app: none', () => {
    for (const by of ['doctor', 'agent', 'admin']) {
      const plan = planMessages(input({ type: 'booking.cancelled', cancelledBy: by }, { status: 'cancelled' }));
      expect(plan.retire).toBe(true);
      expect(summary(plan)).toEqual(['cancellation/sms@2026-12-01T08:00:00.000Z']);
    }
    for (const by of ['patient', 'integrator']) {
      expect(planMessages(input({ type: 'booking.cancelled', cancelledBy: by }, { status: 'cancelled' }))).toEqual({
        retire: true,
        messages: [],
      });
    }
  });

  it('a notice with no channel (a landline, no email) sends the booking to the call list', () => {
    const plan = planMessages(
      input({ type: 'booking.cancelled', cancelledBy: 'doctor' }, { status: 'cancelled', sms: false }),
    );
    expect(plan).toEqual({ retire: true, messages: [], noChannelNotice: 'cancellation' });
    expect(planMessages(input({ type: 'booking.rescheduled' }, { sms: false })).noChannelNotice).toBe('change');
  });

  it('late events about a booking that has moved on plan nothing; other events neither', () => {
    expect(planMessages(input({}, { status: 'cancelled' })).messages).toEqual([]);
    expect(planMessages(input({ type: 'booking.rescheduled' }, { status: 'cancelled' }))).toEqual({
      retire: false,
      messages: [],
    });
    expect(planMessages(input({ type: 'booking.arrived' }))).toEqual({ retire: false, messages: [] });
  });
});
