// What the frame of a patient page says about the request (signed in or not, the call centre's
// number), given once by renderPage rather than threaded through every page's props.
import { createContext } from 'hono/jsx';

export interface PageFrame {
  /** The signed-in patient's sign-out token, or null when nobody is signed in as a patient. */
  patient: { csrf: string } | null;
  /** CALL_CENTRE_PHONE (E.164), or null when the configuration cannot be read (an error page). */
  callCentre: string | null;
}

export const PageFrameContext = createContext<PageFrame>({ patient: null, callCentre: null });
