// What the pages use from the sign-in machinery: the session middleware and its Caller, the return
// path and the booking draft. The sign-in's screens, routes and CSRF check are pages (pages/sign-in/).
export { onlyPatients, readSession, type Session } from './session';
export { actAsSession, sessionCaller } from './caller';
export { safeReturnPath, signInPath } from './return-path';
export { dropDraft, keepDraft, readDraft } from './draft';
