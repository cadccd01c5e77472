// What the notification sender needs from an SMS and email provider, and nothing more. One real
// adapter (brevo.ts); locally and in tests the same adapter talks to the sink that plays Brevo.

export interface OutgoingSms {
  /** E.164. */
  to: string;
  /** GSM-7 text within two parts (src/domain/notifications/messages.ts). */
  text: string;
  /** A grouping label for the provider's statistics: the message kind, never personal data. */
  tag: string;
}

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
  tag: string;
}

/** Short codes stored in notifications.last_error and logged; never a payload. */
export type SendError =
  | 'timeout'
  | 'network'
  | 'provider_5xx'
  | 'rate_limited'
  | 'unauthorized'
  | 'rejected'
  | 'bad_answer';

export type SendOutcome =
  | { ok: true; messageId: string }
  | {
      ok: false;
      error: SendError;
      /** The provider refused the message itself (e.g. an invalid number): retrying cannot help. */
      permanent: boolean;
      /** From a 429 or 503's Retry-After. */
      retryAfterSeconds?: number;
    };

export interface MessageProvider {
  sendSms(message: OutgoingSms): Promise<SendOutcome>;
  sendEmail(message: OutgoingEmail): Promise<SendOutcome>;
}
