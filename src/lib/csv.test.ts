import { describe, expect, it } from 'vitest';
import { toCsv } from './csv';

describe('toCsv', () => {
  it('writes a header and rows, each line ended by CRLF', () => {
    expect(toCsv(['a', 'b'], [[1, 'x']])).toBe('a,b\r\n1,x\r\n');
  });

  it('quotes fields with a comma, a quote or a line break, doubling quotes', () => {
    expect(toCsv(['v'], [['1,2'], ['say "hi"'], ['two\nlines'], ['plain']])).toBe('v\r\n"1,2"\r\n"say ""hi"""\r\n"two\nlines"\r\nplain\r\n');
  });
});
