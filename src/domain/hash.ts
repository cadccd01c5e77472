// Hex SHA-256 of a text, with the Web Crypto API the Workers runtime has.
export async function sha256Hex(text: string): Promise<string> {
  return hex(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
}

/** A digest as lowercase hex (also a DigestStream's, for a body hashed as it streams). */
export const hex = (digest: ArrayBuffer): string =>
  [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
