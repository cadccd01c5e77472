// `/recherche`: from what the patient typed to a place, then that place's free slots. A name or a
// postcode prefix that fits several communes gets a choice list; a commune outside every priority
// zone gets an explanation and its département's priority zones. Same search and same limiter as
// GET /v1/slots (core searchFreeSlots through slot-window, limitedAction 'search').
import type { Context } from 'hono';
import { communeByInsee, searchCommunes } from '../core/communes/communes.queries';
import { nearestCommunes } from '../core/communes/nearest-names';
import { findZone } from '../core/zones/zones.queries';
import { decodeCursor, encodeCursor, Insee, Siren } from '../lib/openapi';
import type { AppEnv } from '../app-env';
import { rateLimitKey } from '../middleware/rate-limit';
import { spendRead } from '../middleware/reference-read';
import { CommuneQuery } from '../core/communes/commune-query.input';
import { homePage } from './home.page';
import { renderPage } from './render';
import { searchWindow, windowIndex } from './slot-window';
import { ChoiceView, ResultsView, type Place } from './search.view';
import { limitedAction, searchLimit } from './limited-action';

const PAGE_SIZE = 60;

const NAME_WITH_POSTCODE = /^(.+?)\s*\((\d{5})\)$/;
/**
 * Longer than any commune name (60) with its " (40410)", and spaces around. Checked before anything
 * else: NAME_WITH_POSTCODE costs the square of the length (15 KB of spaces: ~0.6 s of CPU).
 */
const MAX_TYPED = 80;

type Resolved =
  | { place: Place }
  | { choices: Array<{ insee: string; name: string; postcodes: string[]; departement: string }>; typed: string }
  | { none: string };

async function resolvePlace(c: Context<AppEnv>, typed: string): Promise<Resolved> {
  const db = c.var.db;
  if (/^\d{5}$/.test(typed))
    return { place: { filter: { postcode: typed }, label: `code postal ${typed}`, query: `q=${typed}` } };
  // "Pissos (40410)", as the suggestions write it: the postcode tells namesakes apart.
  const withPostcode = NAME_WITH_POSTCODE.exec(typed);
  const name = withPostcode ? withPostcode[1] : typed;
  let found = await searchCommunes(db, name);
  if (withPostcode) found = found.filter((commune) => commune.postcodes.includes(withPostcode[2]));
  if (found.length === 0) return { none: name };
  const exact = found.filter((commune) => commune.exact);
  const candidates = exact.length > 0 ? exact : found;
  if (candidates.length === 1) return { place: placeOfCommune(candidates[0]) };
  return { choices: candidates, typed };
}

const placeOfCommune = (commune: { insee: string; name: string }): Place => ({
  filter: { commune: commune.insee },
  label: commune.name,
  query: `commune=${commune.insee}`,
});

/** The place named by the query string, or the page that answers instead (choice, error). */
async function placeOf(c: Context<AppEnv>): Promise<Place | Response> {
  const { q, commune, epci } = c.req.query();
  const db = c.var.db;
  if (commune !== undefined) {
    const insee = Insee.safeParse(commune);
    const [row] = insee.success ? await communeByInsee(db, insee.data) : [];
    return row
      ? placeOfCommune(row)
      : homePage(c, { error: 'Cette commune est introuvable. Indiquez son nom ou son code postal.' }, 404);
  }
  if (epci !== undefined) {
    const siren = Siren.safeParse(epci);
    const zone = siren.success ? await findZone(db, siren.data) : undefined;
    return zone
      ? { filter: { epci: zone.siren }, label: zone.name, query: `epci=${zone.siren}`, notPriority: !zone.priority }
      : homePage(c, { error: 'Cette zone est introuvable. Indiquez votre commune ou votre code postal.' }, 404);
  }
  const typed = (q ?? '').trim();
  if (typed === '') return homePage(c, { error: 'Indiquez le nom de votre commune ou son code postal.' }, 400);
  const valid = CommuneQuery.safeParse(typed.replace(NAME_WITH_POSTCODE, '$1'));
  if (!valid.success)
    return homePage(
      c,
      {
        value: typed,
        error: 'Indiquez un nom de commune (en lettres) ou un code postal à 5 chiffres, par exemple Pissos ou 40410.',
      },
      400,
    );
  const resolved = await resolvePlace(c, typed);
  if ('place' in resolved) return resolved.place;
  if ('none' in resolved) {
    const nearNames = await nearestCommunes(c.var.db, resolved.none);
    const error = `Aucune commune ne s’appelle « ${typed} ». ${nearNames.length > 0 ? 'Choisissez un nom ci-dessous, ou v' : 'V'}érifiez l’orthographe ou indiquez le code postal.`;
    return homePage(c, { value: typed, error, nearNames }, 404);
  }
  return renderPage(c, <ChoiceView typed={resolved.typed} choices={resolved.choices} />);
}

export async function searchPage(c: Context<AppEnv>) {
  if ((c.req.query('q') ?? '').length > MAX_TYPED) {
    return homePage(
      c,
      {
        error:
          'Ce texte est trop long. Indiquez seulement le nom de votre commune ou son code postal à 5 chiffres, par exemple Pissos ou 40410.',
      },
      400,
    );
  }
  // Finding the commune reads the database before any zone is known: counted like GET /v1/communes,
  // in the same budget (the address's, or the signed-in patient's).
  await spendRead(c, rateLimitKey(c));
  const place = await placeOf(c);
  if (place instanceof Response) return place;
  const after = decodeCursor(c.req.query('apres'), ['instant', 'uuid']);
  const show = async (cc: Context<AppEnv>) => {
    const now = cc.var.now;
    // Two weeks at a time (what a patient plans for); later weeks are one link away.
    const found = await searchWindow(
      cc.var.db,
      place.filter,
      now,
      windowIndex(c.req.query('periode')),
      after,
      PAGE_SIZE,
    );
    const next = found.next
      ? `/recherche?${place.query}&periode=${found.window}&apres=${encodeCursor(found.next)}`
      : undefined;
    const status = found.zone && !found.zone.known ? 404 : 200;
    return renderPage(
      cc,
      <ResultsView place={place} found={found} now={now} next={next} later={after !== undefined} />,
      status,
    );
  };
  return limitedAction(c, searchLimit(place.filter), show);
}
