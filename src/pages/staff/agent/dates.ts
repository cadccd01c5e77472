// Dates as agents type them and say them: JJ/MM/AAAA.
export const fromFrenchDate = (text: string) => {
  const match = /^(\d{1,2})[/. -](\d{1,2})[/. -](\d{4})$/.exec(text.trim());
  return match ? `${match[3]}-${match[2].padStart(2, '0')}-${match[1].padStart(2, '0')}` : undefined;
};

export const toFrenchDate = (iso: string) => iso.split('-').reverse().join('/');
