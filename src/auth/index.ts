// What the pages use from the sign-in: the session middleware and its Caller, CSRF helpers, and the
// sign-in's own screens.
export { authRouter } from './auth.routes';
export { onlyPatients, readSession, type Session } from './session';
export { csrfProtection, csrfToken, CSRF_FIELD } from './csrf';
export { actAsSession, sessionCaller } from './caller';
export { renderAuthPage, AUTH_PAGES } from './page';
export { safeReturnPath, signInPath } from './return-path';
export { dropDraft, keepDraft, readDraft } from './draft';
