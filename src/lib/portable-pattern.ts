// Patterns published in the contract are read by regex engines that know no `\p{L}` (Python's re,
// JavaScript without the u flag, which is how Spectral and many generators compile them). The
// published class refuses the ASCII characters the server refuses and lets every other character
// through: the server's own Unicode check (letters, combining marks) stays the rule.

const hex = (code: number) => `\\x${code.toString(16).toUpperCase().padStart(2, '0')}`;
const isAsciiLetter = (code: number) => (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);

/** A character class (`[^…]`, `\xNN` escapes only) of any character but ASCII ones that are neither letters nor in `alsoAllowed`. */
export function portableLetterClass(alsoAllowed = ''): string {
  const refused = (code: number) => !isAsciiLetter(code) && !alsoAllowed.includes(String.fromCharCode(code));
  const ranges: string[] = [];
  for (let code = 0; code < 0x80; code += 1) {
    if (!refused(code)) continue;
    let end = code;
    while (end + 1 < 0x80 && refused(end + 1)) end += 1;
    ranges.push(end === code ? hex(code) : `${hex(code)}-${hex(end)}`);
    code = end;
  }
  return `[^${ranges.join('')}]`;
}
