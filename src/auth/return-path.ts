// Where to send the person after signing in: only a path of this site, never another origin
// (`//evil.example`, `/\evil.example`, `/.//evil.example`, `https://…`, control characters), else home.
const MAX_LENGTH = 512;
const BASE = 'https://pages.invalid';
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this refuses
const UNSAFE = /[\u0000-\u001f\u007f\\]/;

export function safeReturnPath(candidate: string | undefined): string {
  if (!candidate || candidate.length > MAX_LENGTH || !candidate.startsWith('/') || UNSAFE.test(candidate)) return '/';
  let url: URL;
  try {
    url = new URL(candidate, BASE);
  } catch {
    return '/';
  }
  const path = `${url.pathname}${url.search}${url.hash}`;
  // Judge what the browser will follow, not the raw string: dot segments (`/.//x`, `/..//x`, `/%2e//x`)
  // normalise to `//x`, which a browser reads as another host.
  if (url.origin !== BASE || path.startsWith('//') || new URL(path, BASE).origin !== BASE) return '/';
  // Back to the sign-in itself would loop.
  if (url.pathname === '/connexion' || url.pathname.startsWith('/connexion/') || url.pathname === '/deconnexion')
    return '/';
  return path;
}

/** Where a page sends a signed-out person who must sign in first (with that provider), to come back to `retour`. */
export const signInPath = (retour: string, provider: 'fc' | 'proconnect' | 'psc' = 'fc') =>
  `/connexion?${new URLSearchParams({ ...(provider === 'fc' ? {} : { fournisseur: provider }), retour: safeReturnPath(retour) })}`;
