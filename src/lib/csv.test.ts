import { describe, expect, it } from 'vitest';
import { toCsv } from './csv';

describe('toCsv', () => {
  it('writes a header and rows, each line ended by CRLF', () => {
    expect(toCsv(['a', 'b'], [[1, 'x']])).toBe('a,b\r\n1,x\r\n');
  });

  it('quotes fields with a comma, a semicolon, a quote or a line break, doubling quotes', () => {
    expect(toCsv(['v'], [['1,2'], ['a;b'], ['say "hi"'], ['two\nlines'], ['plain']])).toBe(
      'v\r\n"1,2"\r\n"a;b"\r\n"say ""hi"""\r\n"two\nlines"\r\nplain\r\n',
    );
  });

  it('separates by semicolons for a French spreadsheet, quoting a semicolon but not a decimal comma', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['200,00', 'x;y'],
          ['=1', 'dit "oui"'],
        ],
        { separator: ';' },
      ),
    ).toBe('a;b\r\n200,00;"x;y"\r\n\'=1;"dit ""oui"""\r\n');
  });

  it('neutralises every text cell a spreadsheet would run as a formula with a leading single quote', () => {
    const cells = [
      '=1+1',
      '+33 5 58',
      '-2+3',
      '@SUM(A1)',
      '\t=1+1',
      '\r=1+1',
      '=HYPERLINK("https://evil.example","x")',
    ];
    expect(
      toCsv(
        ['v'],
        cells.map((c) => [c]),
      ),
    ).toBe(
      'v\r\n\'=1+1\r\n\'+33 5 58\r\n\'-2+3\r\n\'@SUM(A1)\r\n\'\t=1+1\r\n"\'\r=1+1"\r\n"\'=HYPERLINK(""https://evil.example"",""x"")"\r\n',
    );
  });

  it('leaves numbers, and text that only contains those characters later, as they are', () => {
    expect(
      toCsv(
        ['n', 't'],
        [
          [-5, 'a=b'],
          [0, '2027-03-02T08:30:00+01:00'],
        ],
      ),
    ).toBe('n,t\r\n-5,a=b\r\n0,2027-03-02T08:30:00+01:00\r\n');
  });
});
