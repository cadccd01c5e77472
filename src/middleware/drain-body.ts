// workerd closes an HTTP/1.1 connection after answering a request whose body was never read, and
// says nothing (no `Connection: close`): a client that reuses the keep-alive socket gets
// ECONNRESET on its next request. Refusals answer before reading (401, 403, 429, 404…), so the
// 2,000-patient rush lost 21 requests that way. Reading what is left — at most the 16 KiB the
// body limit lets through — keeps the connection usable. A body over the limit is not read: that
// connection may close.
import type { MiddlewareHandler } from 'hono';

export const drainUnreadBody: MiddlewareHandler = async (c, next) => {
  try {
    await next();
  } finally {
    const request = c.req.raw;
    if (request.body && !request.bodyUsed) await request.arrayBuffer().catch(() => undefined);
  }
};
