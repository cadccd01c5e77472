import { describe, expect, it } from 'vitest';
import { safeReturnPath } from './return-path';

describe('safeReturnPath', () => {
  it('keeps a path of this site, with its query', () => {
    expect(safeReturnPath('/reserver/0196f1c2?x=1')).toBe('/reserver/0196f1c2?x=1');
    expect(safeReturnPath('/recherche?q=Pissos%20')).toBe('/recherche?q=Pissos%20');
  });

  it('sends anything else home: other origins, protocol-relative, backslashes, controls, the sign-in itself', () => {
    for (const bad of [
      undefined,
      '',
      'https://evil.example/',
      '//evil.example/x',
      '/\\evil.example',
      '/\t/evil.example',
      'javascript:alert(1)',
      'evil.example',
      '/a\nb',
      '/connexion',
      '/connexion/retour?code=x',
      '/deconnexion',
      `/${'a'.repeat(600)}`,
    ]) {
      expect(safeReturnPath(bad), String(bad)).toBe('/');
    }
  });

  it('judges the normalised path: dot segments that collapse to another host go home', () => {
    for (const bad of [
      '/.//evil.example/x',
      '/..//evil.example/x',
      '/%2e//evil.example/x',
      '/%2E%2E//evil.example/x',
      '/a/..//evil.example',
      '/./\\evil.example',
      '/.%2f/evil.example',
    ]) {
      const kept = safeReturnPath(bad);
      expect(new URL(kept, 'https://site.example').origin, bad).toBe('https://site.example');
      expect(kept.startsWith('//'), bad).toBe(false);
    }
  });
});
