// Consultation billing at the tarif opposable: no dépassement d'honoraires, ever. Mirrors the
// `tariff_rates` table and the SQL functions in migrations/0001_rules.sql, which enforce the same.
import { RuleViolation } from './errors';

/** Dates are YYYY-MM-DD, both ends inclusive; `effectiveTo` null means open-ended. */
export interface TariffRate {
  code: string;
  amountCents: number;
  effectiveFrom: string;
  effectiveTo: string | null;
}

export const DEFAULT_RATES: TariffRate[] = [
  { code: 'G', amountCents: 2650, effectiveFrom: '2023-12-21', effectiveTo: '2024-12-21' },
  { code: 'G', amountCents: 3000, effectiveFrom: '2024-12-22', effectiveTo: null },
  { code: 'MEG', amountCents: 500, effectiveFrom: '2023-12-21', effectiveTo: null },
];

/** Dépassement codes: billing above the tarif opposable, which the scheme forbids. */
const OVERBILLING_CODES = new Set(['DE', 'DA']);

/** ISO dates compare correctly as strings. */
export function inEffect(period: { effectiveFrom: string; effectiveTo: string | null }, date: string): boolean {
  return period.effectiveFrom <= date && (period.effectiveTo === null || date <= period.effectiveTo);
}

export function rateOn(rates: readonly TariffRate[], code: string, date: string): number | undefined {
  return rates.find((r) => r.code === code && inEffect(r, date))?.amountCents;
}

/**
 * Same rule as Postgres `birth + interval '6 years'` (tariff_majorations in SQL), so the
 * application and the database agree: a 29 February birthday falls on 28 February in a non-leap
 * year, and on the 6th birthday itself the child is no longer under 6.
 */
export function isUnderSix(birthDate: string, onDate: string): boolean {
  const [y, m, d] = birthDate.split('-').map(Number);
  const sixth = new Date(Date.UTC(y + 6, m - 1, d));
  if (sixth.getUTCMonth() !== m - 1) sixth.setUTCDate(0); // overflowed into March: back to the month's last day
  return onDate < sixth.toISOString().slice(0, 10);
}

function refuse(detail: string): never {
  throw new RuleViolation('overbilling_not_allowed', detail, 422);
}

function consultationActs(onDate: string, birthDate: string): string[] {
  return isUnderSix(birthDate, onDate) ? ['G', 'MEG'] : ['G'];
}

function sumRates(rates: readonly TariffRate[], codes: readonly string[], onDate: string): number | undefined {
  let sum = 0;
  for (const code of codes) {
    const rate = rateOn(rates, code, onDate);
    if (rate === undefined) return undefined;
    sum += rate;
  }
  return sum;
}

/** The acts and amount of the tarif opposable: G, plus MEG while the patient is under 6. */
export function expectedConsultation(rates: readonly TariffRate[], onDate: string, birthDate: string): { acts: string[]; amountCents: number } {
  const acts = consultationActs(onDate, birthDate);
  const amountCents = sumRates(rates, acts, onDate);
  if (amountCents === undefined) {
    throw new RuleViolation('tariff_unavailable', `No tarif opposable for ${acts.join('+')} is in effect on ${onDate}.`, 422);
  }
  return { acts, amountCents };
}

export interface BillingClaim {
  acts: Array<{ code: string }>;
  billedCents: number;
  overbillingCents?: number;
}

/**
 * The claim must be exactly the tarif opposable: the expected acts (MEG is due, not optional, for
 * a child under 6 — the database trigger requires it too) and their amount to the cent.
 */
export function checkBilling(
  rates: readonly TariffRate[],
  claim: BillingClaim,
  onDate: string,
  birthDate: string,
): { acts: string[]; amountCents: number } {
  const acts = consultationActs(onDate, birthDate);
  const expectedCents = sumRates(rates, acts, onDate);
  const expected = expectedCents === undefined ? '' : `; the tarif opposable on ${onDate} is ${acts.join('+')} = ${expectedCents} cents`;
  const overbilling = claim.overbillingCents ?? 0;
  if (overbilling !== 0) refuse(`Dépassement d'honoraires is not allowed: overbillingCents must be 0, got ${overbilling}${expected}.`);
  const codes = claim.acts.map((a) => a.code);
  const dep = codes.find((c) => OVERBILLING_CODES.has(c));
  if (dep) refuse(`Act ${dep} is a dépassement d'honoraires, which is not allowed${expected}.`);
  const twice = codes.find((c, i) => codes.indexOf(c) !== i);
  if (twice) refuse(`Act ${twice} is billed more than once${expected}.`);
  let billable = 0;
  for (const code of codes) {
    const rate = rateOn(rates, code, onDate);
    if (rate === undefined) refuse(`Act ${code} has no tarif opposable on ${onDate}${expected}.`);
    billable += rate;
  }
  if (!codes.includes('G')) refuse(`A consultation is billed as exactly one G${expected}.`);
  if (codes.includes('MEG') && !acts.includes('MEG')) {
    refuse(`MEG applies only to a patient under 6; a patient born ${birthDate} is not under 6 on ${onDate}${expected}.`);
  }
  if (acts.includes('MEG') && !codes.includes('MEG')) {
    refuse(`MEG is due: a patient born ${birthDate} is under 6 on ${onDate}${expected}.`);
  }
  const extra = codes.find((c) => !acts.includes(c));
  if (extra) refuse(`Act ${extra} is not part of a consultation at the tarif opposable${expected}.`);
  if (claim.billedCents !== billable) {
    refuse(`billed ${claim.billedCents} cents; the tarif opposable for ${acts.join('+')} on ${onDate} is ${billable} cents`);
  }
  return { acts, amountCents: billable };
}
