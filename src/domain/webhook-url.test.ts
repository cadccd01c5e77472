import { describe, expect, it } from 'vitest';
import { ProblemError } from './problem';
import { checkWebhookUrl, type UrlMode } from './webhook-url';

const refusal = (url: string, mode: UrlMode = 'production') => {
  try {
    checkWebhookUrl(url, mode);
    return 'accepted';
  } catch (error) {
    return error instanceof ProblemError ? error.code : String(error);
  }
};

describe('webhook URLs in production', () => {
  it('accepts https to public hosts and public addresses', () => {
    for (const url of [
      'https://hooks.example.fr/mpdcv',
      'https://api.partner.org:443/in?x=1',
      'https://93.184.216.34/hook',
      'https://[2606:4700::1111]/h',
    ]) {
      expect(refusal(url), url).toBe('accepted');
    }
  });

  it('refuses http, other schemes, credentials, fragments and non-default ports', () => {
    expect(refusal('http://hooks.example.fr/x')).toBe('webhook_url_not_https');
    expect(refusal('ftp://hooks.example.fr/x')).toBe('webhook_url_not_https');
    expect(refusal('https://user:pw@hooks.example.fr/x')).toBe('webhook_url_invalid');
    expect(refusal('https://hooks.example.fr/x#frag')).toBe('webhook_url_invalid');
    expect(refusal('https://hooks.example.fr:8443/x')).toBe('webhook_url_not_public');
    expect(refusal('not a url')).toBe('webhook_url_invalid');
    expect(refusal(`https://hooks.example.fr/${'a'.repeat(2001)}`)).toBe('webhook_url_invalid');
  });

  it('refuses private, loopback, link-local, CGNAT, ULA and other non-public addresses, however written', () => {
    for (const url of [
      'https://10.1.2.3/',
      'https://172.16.0.1/',
      'https://172.31.255.255/',
      'https://192.168.1.1/',
      'https://127.0.0.1/',
      'https://169.254.169.254/latest',
      'https://100.64.0.1/',
      'https://0.0.0.0/',
      'https://224.0.0.1/',
      'https://255.255.255.255/',
      // The URL parser normalises these to 127.0.0.1 and 10.0.0.1.
      'https://2130706433/',
      'https://0x7f.1/',
      'https://012.0.0.1/',
      'https://[::1]/',
      'https://[::]/',
      'https://[fd00::1]/',
      'https://[fe80::1]/',
      'https://[::ffff:127.0.0.1]/',
      'https://[::ffff:10.0.0.1]/',
      'https://[64:ff9b::a00:1]/',
      'https://[2001:db8::1]/',
      'https://[2002:a00:1::]/',
      'https://[ff02::1]/',
    ]) {
      expect(refusal(url), url).toBe('webhook_url_not_public');
    }
    expect(refusal('https://172.32.0.1/')).toBe('accepted');
    expect(refusal('https://100.128.0.1/')).toBe('accepted');
  });

  it('refuses local names', () => {
    for (const url of [
      'https://localhost/',
      'https://LOCALHOST./x',
      'https://api.localhost/',
      'https://printer.local/',
      'https://db.internal/',
      'https://intranet/',
    ]) {
      expect(refusal(url), url).toBe('webhook_url_not_public');
    }
  });
});

describe('webhook URLs in development and tests', () => {
  it('also accept loopback, over http, on any port', () => {
    for (const url of [
      'http://127.0.0.1:9999/hook',
      'http://localhost:3000/',
      'http://[::1]:8080/',
      'https://127.0.0.2/',
    ])
      expect(refusal(url, 'development'), url).toBe('accepted');
  });

  it('still refuse private networks and http to other hosts', () => {
    expect(refusal('http://192.168.1.10:8080/', 'development')).toBe('webhook_url_not_https');
    expect(refusal('https://192.168.1.10/', 'development')).toBe('webhook_url_not_public');
    expect(refusal('https://user@127.0.0.1/', 'development')).toBe('webhook_url_invalid');
  });
});
