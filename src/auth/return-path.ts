// Where to send the person after signing in: only a path of this site, never another origin
// (`//evil.example`, `/\evil.example`, `https://…`, control characters), else home.
const MAX_LENGTH = 512;
const BASE = 'https://pages.invalid';

export function safeReturnPath(candidate: string | undefined): string {
  if (!candidate || candidate.length > MAX_LENGTH || !candidate.startsWith('/') || /^\/[/\\]/.test(candidate) || /[\u0000-\u001f\u007f\\]/.test(candidate)) return '/';
  let url: URL;
  try {
    url = new URL(candidate, BASE);
  } catch {
    return '/';
  }
  if (url.origin !== BASE) return '/';
  // Back to the sign-in itself would loop.
  if (url.pathname === '/connexion' || url.pathname.startsWith('/connexion/') || url.pathname === '/deconnexion') return '/';
  return `${url.pathname}${url.search}${url.hash}`;
}

/** Where a page sends a signed-out person who must sign in first (with that provider), to come back to `retour`. */
export const signInPath = (retour: string, provider: 'fc' | 'proconnect' | 'psc' = 'fc') =>
  `/connexion?${new URLSearchParams({ ...(provider === 'fc' ? {} : { fournisseur: provider }), retour: safeReturnPath(retour) })}`;
