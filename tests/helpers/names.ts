// Names a test gives its people. Names accept letters only, and the per-person cap counts a name and
// birth date across every test of a run: a tag needs 26^n draws, not the seven symbols left once a
// hex string's digits are masked, which made two people of one run share a name now and then.

/** `n` random lowercase letters (26^n possibilities). */
export const letters = (n = 10) =>
  Array.from(crypto.getRandomValues(new Uint8Array(n)), (byte) => String.fromCharCode(97 + (byte % 26))).join('');
