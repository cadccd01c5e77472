// SMS length as the network counts it (3GPP TS 23.038): text that fits the GSM 03.38 alphabet is
// sent in 7-bit septets (160 in one message, 153 per part once split, the extension characters
// costing two); anything else goes as UCS-2 (70, then 67 per part, counted in UTF-16 units).
// Parts are packed whole: an escaped character or a surrogate pair is never split between two.

const BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
/** Sent as ESC + one septet. */
const EXTENSION = '^{}\\[~]|€\f';

const basic = new Set(BASIC);
const extension = new Set(EXTENSION);

export type SmsEncoding = 'gsm7' | 'ucs2';

export interface SmsLength {
  encoding: SmsEncoding;
  /** Septets (GSM-7) or UTF-16 code units (UCS-2). */
  units: number;
  segments: number;
}

export const isGsm7 = (text: string) => [...text].every((ch) => basic.has(ch) || extension.has(ch));

/** Units each character takes, in the encoding the text needs. */
function widths(text: string, encoding: SmsEncoding): number[] {
  return [...text].map((ch) => (encoding === 'gsm7' ? (extension.has(ch) ? 2 : 1) : ch.length));
}

/** How many parts `text` is sent in; an empty text is still one message. */
export function smsLength(text: string): SmsLength {
  const encoding: SmsEncoding = isGsm7(text) ? 'gsm7' : 'ucs2';
  const [single, part] = encoding === 'gsm7' ? [160, 153] : [70, 67];
  const units = widths(text, encoding);
  const total = units.reduce((a, b) => a + b, 0);
  if (total <= single) return { encoding, units: total, segments: 1 };
  let segments = 1;
  let used = 0;
  for (const w of units) {
    if (used + w > part) {
      segments += 1;
      used = 0;
    }
    used += w;
  }
  return { encoding, units: total, segments };
}

// French typography and common look-alikes, to their nearest GSM-7 spelling. Accented letters the
// alphabet has (é è à ù ì ò É Ç Ä Ö Ñ Ü ä ö ñ ü) are kept.
const REPLACEMENTS: Record<string, string> = {
  â: 'a',
  á: 'a',
  ã: 'a',
  ê: 'e',
  ë: 'e',
  î: 'i',
  ï: 'i',
  í: 'i',
  ô: 'o',
  ó: 'o',
  õ: 'o',
  û: 'u',
  ú: 'u',
  ÿ: 'y',
  ç: 'c',
  À: 'A',
  Â: 'A',
  Á: 'A',
  È: 'E',
  Ê: 'E',
  Ë: 'E',
  Î: 'I',
  Ï: 'I',
  Ô: 'O',
  Ù: 'U',
  Û: 'U',
  Ÿ: 'Y',
  œ: 'oe',
  Œ: 'OE',
  '’': "'",
  '‘': "'",
  '‚': "'",
  '′': "'",
  ʼ: "'",
  '“': '"',
  '”': '"',
  '„': '"',
  '«': '"',
  '»': '"',
  '–': '-',
  '—': '-',
  '‐': '-',
  '‑': '-',
  '−': '-',
  '…': '...',
  '\u00a0': ' ',
  '\u202f': ' ',
  '\u2009': ' ',
  '\t': ' ',
};

/** The text with every character outside GSM-7 replaced by its nearest spelling, or '?' if none. */
export function toGsm7(text: string): string {
  let out = '';
  for (const ch of text) {
    if (basic.has(ch) || extension.has(ch)) out += ch;
    else if (REPLACEMENTS[ch] !== undefined) out += REPLACEMENTS[ch];
    else {
      // Letters with other diacritics (ł is not decomposable, ń is): the base letter if it is GSM-7.
      const base = ch.normalize('NFD').replace(/\p{M}/gu, '');
      out += base && isGsm7(base) ? base : '?';
    }
  }
  return out;
}
