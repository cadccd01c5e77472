import { describe, expect, it } from 'vitest';
import { safeReturnPath } from './return-path';

describe('safeReturnPath', () => {
  it('keeps a path of this site, with its query', () => {
    expect(safeReturnPath('/reserver/0196f1c2?x=1')).toBe('/reserver/0196f1c2?x=1');
    expect(safeReturnPath('/recherche?q=Pissos%20')).toBe('/recherche?q=Pissos%20');
  });

  it('sends anything else home: other origins, protocol-relative, backslashes, controls, the sign-in itself', () => {
    for (const bad of [undefined, '', 'https://evil.example/', '//evil.example/x', '/\\evil.example', '/\t/evil.example', 'javascript:alert(1)',
      'evil.example', '/a\nb', '/connexion', '/connexion/retour?code=x', '/deconnexion', `/${'a'.repeat(600)}`]) {
      expect(safeReturnPath(bad), String(bad)).toBe('/');
    }
  });
});
