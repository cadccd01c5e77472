// Acts as a browser through the sign-in: the app via app.fetch (tests/helpers/api.ts), the local
// FranceConnect twin via real fetch, each with its own cookie jar, following redirects by hand.
import { escapeToBuffer } from 'hono/utils/html';
import { expect } from 'vitest';
import type { Api, ApiResponse } from './api';

export const PUBLIC_ORIGIN = 'https://medecin-pres-de-chez-vous.sante.gouv.fr';

/** Each Set-Cookie line (workerd has Headers.getSetCookie; the default workers-types do not say so). */
export const setCookies = (headers: Headers): string[] =>
  (headers as Headers & { getSetCookie(): string[] }).getSetCookie();

export class CookieJar {
  readonly cookies = new Map<string, string>();

  take(headers: Headers) {
    for (const line of setCookies(headers)) {
      const [pair, ...attributes] = line.split(';');
      const index = pair.indexOf('=');
      const name = pair.slice(0, index).trim();
      const value = pair.slice(index + 1).trim();
      const expired = attributes.some((a: string) => /^\s*max-age=0\s*$/i.test(a)) || value === '';
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

/** The browser's view of one person: the app's cookies and the provider's. */
export class Browser {
  readonly app = new CookieJar();
  readonly provider = new CookieJar();

  constructor(readonly client: Api) {}

  async get(path: string, headers: Record<string, string> = {}): Promise<ApiResponse> {
    const res = await this.client.request('GET', path, { headers: { cookie: this.app.header(), ...headers } });
    this.app.take(res.headers);
    return res;
  }

  /** A page form's POST, sent from the pages' own origin unless told otherwise. */
  async post(path: string, form: Record<string, string>, headers: Record<string, string> = {}): Promise<ApiResponse> {
    const res = await this.client.request('POST', path, {
      headers: {
        cookie: this.app.header(),
        origin: PUBLIC_ORIGIN,
        'content-type': 'application/x-www-form-urlencoded',
        ...headers,
      },
      rawBody: new URLSearchParams(form).toString(),
    });
    this.app.take(res.headers);
    return res;
  }

  /** A request to the provider, without following redirects. */
  async atProvider(url: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<Response> {
    const headers: Record<string, string> = { cookie: this.provider.header() };
    if (init.form) headers['content-type'] = 'application/x-www-form-urlencoded';
    const res = await fetch(url, {
      method: init.method ?? 'GET',
      headers,
      body: init.form ? new URLSearchParams(init.form) : undefined,
      redirect: 'manual',
    });
    this.provider.take(res.headers);
    return res;
  }

  /**
   * From the app's redirect to the provider, through the identity choice, to the callback URL the
   * provider sends the browser back to (not yet visited).
   */
  async chooseIdentity(authorizeUrl: string, accountId = 'fc-demo-1'): Promise<URL> {
    let url = authorizeUrl;
    for (let hops = 0; hops < 10; hops++) {
      const res = await this.atProvider(url);
      if (res.status === 200) {
        const page = await res.text();
        expect(page).toContain('lang="fr"');
        const action = /<form method="post" action="([^"]+)"/.exec(page)![1];
        const chosen = await this.atProvider(new URL(action, url).toString(), {
          method: 'POST',
          form: { account: accountId },
        });
        url = new URL(chosen.headers.get('location')!, url).toString();
        continue;
      }
      expect(res.status, await res.clone().text()).toBeGreaterThanOrEqual(300);
      url = new URL(res.headers.get('location')!, url).toString();
      if (url.startsWith(PUBLIC_ORIGIN)) return new URL(url);
    }
    throw new Error('the provider never sent the browser back');
  }

  /**
   * The whole sign-in: /connexion, the provider, the callback. Returns the callback's answer.
   * Pro Santé Connect's twin also takes any `rpps-<11 digits>` account: a fresh doctor.
   */
  async signIn(
    retour = '/moi',
    accountId = 'fc-demo-1',
    provider: 'fc' | 'proconnect' | 'psc' = 'fc',
  ): Promise<ApiResponse> {
    const start = await this.get(
      `/connexion?${provider === 'fc' ? '' : `fournisseur=${provider}&`}retour=${encodeURIComponent(retour)}`,
    );
    expect(start.status).toBe(302);
    const callback = await this.chooseIdentity(start.headers.get('location')!, accountId);
    return this.get(`${callback.pathname}${callback.search}`);
  }
}

/** The value of the hidden CSRF field in a page. */
export const csrfOf = (page: string) => /name="csrf" value="([^"]+)"/.exec(page)?.[1];

/** Text as a page writes it, escaped by Hono's own escaper (commune names have apostrophes). */
export function asHtml(text: string): string {
  const buffer: [string] = [''];
  escapeToBuffer(text, buffer);
  return buffer[0];
}
