// What the API shows of messages to patients: per booking, their kind, channel, status, times and
// attempts — never the text, the phone or the address they went to.
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import type { Caller } from '../../domain/caller';
import { visibleTo } from '../bookings/bookings.queries';

export type NotificationView = {
  kind: string;
  channel: string;
  status: string;
  due_at: string;
  sent_at: string | null;
  attempts: number;
  last_error: string | null;
};

/** The booking's messages if the caller may see the booking (the same rule as GET /v1/bookings/{id}); undefined otherwise. */
export async function notificationsOfBooking(db: Db, bookingId: string, caller: Caller) {
  const { rows } = await db.execute<{ items: NotificationView[] }>(sql`
    SELECT coalesce((
      SELECT json_agg(json_build_object('kind', n.kind, 'channel', n.channel, 'status', n.status, 'due_at', n.due_at, 'sent_at', n.sent_at,
                                        'attempts', n.attempts, 'last_error', n.last_error) ORDER BY n.due_at, n.kind, n.channel)
      FROM notifications n WHERE n.booking_id = b.id), '[]'::json) AS items
    FROM bookings b WHERE b.id = ${bookingId} AND ${visibleTo(caller)}`);
  return rows[0]?.items;
}

const iso = (t: string | null) => (t ? new Date(t).toISOString() : null);

export const toNotification = (n: NotificationView) => ({
  kind: n.kind as 'confirmation',
  channel: n.channel as 'sms',
  status: n.status as 'scheduled',
  dueAt: iso(n.due_at)!,
  sentAt: iso(n.sent_at),
  attempts: n.attempts,
  lastError: n.last_error,
});
