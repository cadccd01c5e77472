// The token of a personal link /rdv/<token>: 128 random bits in base64url (22 characters, all
// GSM-7, so an SMS carries it as is). Only its SHA-256 is stored (booking_links.token_hash).
import { sha256Hex } from '../domain/hash';

export const LINK_TOKEN = /^[A-Za-z0-9_-]{22}$/;

export function newLinkToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

export const linkTokenHash = (token: string) => sha256Hex(token);
