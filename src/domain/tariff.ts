// Consultation billing at the tarif opposable: no dépassement d'honoraires, ever. The same rule as
// the SQL functions of migrations/0018_tariff_territories.sql, which enforce it; both price from the
// `tariff_rates` table (the operations read it from the database, never from a copy in code).
import { problem } from './problem';

/**
 * Where a rate applies: metropolitan France or one of the five DROM, the site's territory following
 * from its commune's département (SQL `tariff_territory`).
 */
export const TARIFF_TERRITORIES = ['metropole', 'guadeloupe', 'martinique', 'guyane', 'reunion', 'mayotte'] as const;
export type TariffTerritory = (typeof TARIFF_TERRITORIES)[number];

/** Dates are YYYY-MM-DD, both ends inclusive; `effectiveTo` null means open-ended. */
export type TariffRate = {
  code: string;
  territory: TariffTerritory;
  amountCents: number;
  effectiveFrom: string;
  effectiveTo: string | null;
};

/** A consultation to price: the site's territory, the mission's local date, the patient's birth date. */
export interface Visit {
  territory: TariffTerritory;
  date: string;
  birthDate: string;
}

/** Dépassement codes: billing above the tarif opposable, which the scheme forbids. */
const OVERBILLING_CODES = new Set(['DE', 'DA']);

/** ISO dates compare correctly as strings. */
export function inEffect(period: { effectiveFrom: string; effectiveTo: string | null }, date: string): boolean {
  return period.effectiveFrom <= date && (period.effectiveTo === null || date <= period.effectiveTo);
}

export function rateOn(
  rates: readonly TariffRate[],
  territory: TariffTerritory,
  code: string,
  date: string,
): number | undefined {
  return rates.find((r) => r.code === code && r.territory === territory && inEffect(r, date))?.amountCents;
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
  throw problem('overbilling_not_allowed', detail);
}

function consultationActs(onDate: string, birthDate: string): string[] {
  return isUnderSix(birthDate, onDate) ? ['G', 'MEG'] : ['G'];
}

function sumRates(
  rates: readonly TariffRate[],
  codes: readonly string[],
  { territory, date }: Visit,
): number | undefined {
  let sum = 0;
  for (const code of codes) {
    const rate = rateOn(rates, territory, code, date);
    if (rate === undefined) return undefined;
    sum += rate;
  }
  return sum;
}

/** The acts and amount of the tarif opposable: G, plus MEG while the patient is under 6. */
export function expectedConsultation(
  rates: readonly TariffRate[],
  visit: Visit,
): { acts: string[]; amountCents: number } {
  const acts = consultationActs(visit.date, visit.birthDate);
  const amountCents = sumRates(rates, acts, visit);
  if (amountCents === undefined) {
    throw problem(
      'tariff_unavailable',
      `No tarif opposable for ${acts.join('+')} is in effect on ${visit.date} (${visit.territory}).`,
    );
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
  visit: Visit,
): { acts: string[]; amountCents: number } {
  const { territory, date: onDate, birthDate } = visit;
  const acts = consultationActs(onDate, birthDate);
  const expectedCents = sumRates(rates, acts, visit);
  const expected =
    expectedCents === undefined
      ? ''
      : `; the tarif opposable on ${onDate} is ${acts.join('+')} = ${expectedCents} cents`;
  const overbilling = claim.overbillingCents ?? 0;
  if (overbilling !== 0)
    refuse(`Dépassement d'honoraires is not allowed: overbillingCents must be 0, got ${overbilling}${expected}.`);
  const codes = claim.acts.map((a) => a.code);
  const dep = codes.find((c) => OVERBILLING_CODES.has(c));
  if (dep) refuse(`Act ${dep} is a dépassement d'honoraires, which is not allowed${expected}.`);
  const twice = codes.find((c, i) => codes.indexOf(c) !== i);
  if (twice) refuse(`Act ${twice} is billed more than once${expected}.`);
  let billable = 0;
  for (const code of codes) {
    const rate = rateOn(rates, territory, code, onDate);
    if (rate === undefined) refuse(`Act ${code} has no tarif opposable on ${onDate}${expected}.`);
    billable += rate;
  }
  if (!codes.includes('G')) refuse(`A consultation is billed as exactly one G${expected}.`);
  if (codes.includes('MEG') && !acts.includes('MEG')) {
    refuse(
      `MEG applies only to a patient under 6; a patient born ${birthDate} is not under 6 on ${onDate}${expected}.`,
    );
  }
  if (acts.includes('MEG') && !codes.includes('MEG')) {
    refuse(`MEG is due: a patient born ${birthDate} is under 6 on ${onDate}${expected}.`);
  }
  const extra = codes.find((c) => !acts.includes(c));
  if (extra) refuse(`Act ${extra} is not part of a consultation at the tarif opposable${expected}.`);
  if (claim.billedCents !== billable) {
    refuse(
      `billed ${claim.billedCents} cents; the tarif opposable for ${acts.join('+')} on ${onDate} is ${billable} cents`,
    );
  }
  return { acts, amountCents: billable };
}
