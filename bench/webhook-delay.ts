// A reduced run of the bench's webhook measurement, for a quick look without the whole bench:
// `DATABASE_URL=… npx tsx bench/webhook-delay.ts [seconds]` — one worker behind PgBouncer (when
// installed), a booking load in wrk for `seconds` (default 10, 8 concurrent patients) and, beside it,
// an integrator's bookings followed to their webhook at the local receiver. `npm run bench`
// measures the same during its booking phase.
import pg from 'pg';
import { findPgBouncer, startPgBouncer } from '../scripts/db/pgbouncer';
import { pickFreeSlots, prepare } from './db';
import { lat, rps, statuses } from './report';
import { bundleWorker, startProxy, startWorker, stopAll } from './stack';
import { bookingRequests } from './tasks';
import { newSigner } from './tokens';
import { measureWebhookDelay } from './webhooks';
import { ensureWrk, requestFile, runWrk } from './wrk';

const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/mpdcv_bench';
const seconds = Number(process.argv[2] ?? 10);
// wrk has no request count: more distinct slots than the load can book in that time.
const bookings = Math.max(1_000, seconds * 300);

const binary = findPgBouncer();
const pooler = binary ? await startPgBouncer(DATABASE_URL, binary) : undefined;
let file: ReturnType<typeof requestFile> | undefined;
try {
  await prepare(DATABASE_URL);
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  const slots = await pickFreeSlots(client, bookings + 300);
  await client.end();
  const signer = await newSigner();
  const wrk = ensureWrk();
  const proxy = await startProxy(pooler ? 500 : 60);
  const worker = await startWorker('webhooks', await bundleWorker(), {
    DATABASE_URL: pooler?.url ?? DATABASE_URL,
    DB_PROXY: proxy.address,
    JWT_DEV_JWKS: JSON.stringify(signer.keys.publicJwks),
    RATE_LIMIT_ENABLED: '0',
  });
  const tokens = await signer.patients('w', bookings);
  file = requestFile(bookingRequests(slots.slice(0, bookings), tokens, 600_000));
  const load = runWrk(wrk, worker.url, file, { concurrency: 8, durationMs: seconds * 1000, maxRequests: bookings });
  const delay = await measureWebhookDelay({
    url: worker.url,
    signer,
    slots: slots.slice(bookings),
    intervalMs: 100,
    patientBase: 700_000,
    until: load,
  });
  const stats = await load;
  console.log(
    `booking load${pooler ? ' (through PgBouncer)' : ''}: ${stats.requests} req, ${rps(stats)}/s, p50/p99/max ${lat(stats)} ms, ${statuses(stats.statuses)}`,
  );
  console.log(
    `webhook delay (201 → receiver): ${delay.received}/${delay.booked} received, p50 ${delay.p50} ms, p99 ${delay.p99} ms, max ${delay.max} ms (${delay.note})`,
  );
} finally {
  file?.remove();
  await stopAll();
  await pooler?.stop();
}
