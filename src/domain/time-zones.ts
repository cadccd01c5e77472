// Which IANA time zone a département lives in. Consultation days, "today" and month boundaries are
// computed in the site's own zone, never in the server's.
const OVERSEAS: Record<string, string> = {
  '971': 'America/Guadeloupe',
  '972': 'America/Martinique',
  '973': 'America/Cayenne',
  '974': 'Indian/Reunion',
  '975': 'America/Miquelon',
  '976': 'Indian/Mayotte',
  '977': 'America/St_Barthelemy',
  '978': 'America/Marigot',
  '984': 'Indian/Kerguelen',
  '986': 'Pacific/Wallis',
  '987': 'Pacific/Tahiti',
  '988': 'Pacific/Noumea',
  '989': 'Pacific/Noumea',
};

export function timeZoneForDepartement(departement: string): string {
  return OVERSEAS[departement] ?? 'Europe/Paris';
}
