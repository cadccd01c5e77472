// Calls the app through its HTTP surface (Request in, Response out) inside workerd, against the
// real database, with the clock each test chooses.
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { createApp } from '../../src/app';
import type { Env } from '../../src/env';
import { env } from './env';

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export interface Api {
  request<T = any>(
    method: string,
    path: string,
    options?: { token?: string; body?: unknown; headers?: Record<string, string>; rawBody?: string },
  ): Promise<ApiResponse<T>>;
  get<T = any>(path: string, token?: string, headers?: Record<string, string>): Promise<ApiResponse<T>>;
  post<T = any>(path: string, body: unknown, token?: string, headers?: Record<string, string>): Promise<ApiResponse<T>>;
  del<T = any>(path: string, token?: string): Promise<ApiResponse<T>>;
}

export function api(options: { now?: Date | (() => Date); env?: Partial<Env> } = {}): Api {
  const now = options.now;
  const clock = now === undefined ? () => new Date() : typeof now === 'function' ? now : () => now;
  const app = createApp({ clock });
  const bindings = { ...env, ...options.env };
  const request = async (
    method: string,
    path: string,
    o: { token?: string; body?: unknown; headers?: Record<string, string>; rawBody?: string } = {},
  ) => {
    const headers = new Headers(o.headers);
    if (o.token) headers.set('authorization', `Bearer ${o.token}`);
    let body: string | undefined = o.rawBody;
    if (o.body !== undefined) {
      body = JSON.stringify(o.body);
      headers.set('content-type', 'application/json');
    }
    const ctx = createExecutionContext();
    const response = await app.fetch(new Request(`http://api.test${path}`, { method, headers, body }), bindings, ctx);
    const text = await response.text();
    await waitOnExecutionContext(ctx);
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON (e.g. CSV): keep the text
    }
    return { status: response.status, headers: response.headers, body: parsed as any };
  };
  return {
    request,
    get: (path, token, headers) => request('GET', path, { token, headers }),
    post: (path, body, token, headers) => request('POST', path, { token, body, headers }),
    del: (path, token) => request('DELETE', path, { token }),
  };
}

/** How many responses had each status, e.g. { 201: 1, 409: 199 }. */
export const statuses = (responses: Array<{ status: number }>) =>
  responses.reduce<Record<number, number>>((acc, r) => ({ ...acc, [r.status]: (acc[r.status] ?? 0) + 1 }), {});
