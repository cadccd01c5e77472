// The results page: free slots grouped by day, then by site, with the address, the access notes,
// the phone and how far ahead; or why there are none.
import { readablePhone } from '../domain/phone';
import { localDate } from '../domain/time';
import type { SlotRow, ZoneFilter } from '../core/slots/slots.queries';
import { SearchForm, Stepper, tariffSentence } from './components';
import { frenchDateTime, frenchDay, frenchTime, howFarAhead, withCommune } from './format';
import { Layout } from './layout';
import { whereNext, WINDOW_DAYS, WindowLinks, type WindowSearch } from './slot-window';

export interface Place {
  filter: ZoneFilter;
  /** "Pissos", "code postal 40410", "CC Cœur Haute Lande". */
  label: string;
  /** The query string that names this place again (for "next" links). */
  query: string;
  /** A zone named directly that is not (or no longer) a priority zone. */
  notPriority?: boolean;
}

interface Day {
  date: string;
  first: SlotRow;
  sites: Array<{ first: SlotRow; slots: SlotRow[] }>;
}

/** Rows come in time order; days in the site's calendar, sites in order of their first free slot. */
function groupByDayAndSite(rows: SlotRow[]): Day[] {
  const days: Day[] = [];
  for (const row of rows) {
    const date = localDate(new Date(row.starts_at), row.time_zone);
    let day = days.find((d) => d.date === date);
    if (!day) days.push((day = { date, first: row, sites: [] }));
    let site = day.sites.find((s) => s.first.site_id === row.site_id);
    if (!site) day.sites.push((site = { first: row, slots: [] }));
    site.slots.push(row);
  }
  return days;
}

// Not a labelled section: the same site on two days would make two landmarks of the same name.
function SiteSlots({ site, dayLabel }: { site: Day['sites'][number]; dayLabel: string }) {
  const s = site.first;
  return (
    <div class="fr-mb-4w">
      <h3 class="fr-h5">{withCommune(s.site_name, s.commune_name)}</h3>
      <ul>
        <li>Adresse : {withCommune(s.address, s.commune_name)}</li>
        {s.accessibility ? <li>Accès : {s.accessibility}</li> : null}
        <li>
          Téléphone : <a href={`tel:${s.phone}`}>{readablePhone(s.phone)}</a>
        </li>
        <li>{tariffSentence(s.amount_cents)}</li>
      </ul>
      {/* Large buttons: 48 px high and wide enough for a thumb (WCAG 2.5.5), 18 px text. */}
      <ul class="fr-btns-group fr-btns-group--inline fr-btns-group--lg">
        {site.slots.map((slot) => (
          <li>
            <a class="fr-btn fr-btn--secondary" href={`/reserver/${slot.id}`}>
              {frenchTime(new Date(slot.starts_at), slot.time_zone)}
              <span class="fr-sr-only">
                {' '}
                le {dayLabel}, {s.site_name}
              </span>
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** On a phone the list starts below the fold: the earliest slot comes first, one tap from booking. */
function FirstSlot({ slot, now }: { slot: SlotRow; now: Date }) {
  const at = new Date(slot.starts_at);
  return (
    <div class="fr-mb-4w">
      <p class="fr-text--lead fr-mb-2w">
        Prochain créneau : {frenchDateTime(at, slot.time_zone, now)} ({howFarAhead(at, now, slot.time_zone)}),{' '}
        {withCommune(slot.site_name, slot.commune_name)}.
      </p>
      <a class="fr-btn fr-btn--lg" href={`/reserver/${slot.id}`}>
        Choisir ce créneau<span class="fr-sr-only"> : {frenchDateTime(at, slot.time_zone, now)}</span>
      </a>
    </div>
  );
}

function OutsideZones({ place, nearby }: { place: Place; nearby: Array<{ siren: string; name: string }> }) {
  return (
    <div class="fr-callout">
      <h2 class="fr-callout__title">{place.label} n’est pas dans une zone prioritaire</h2>
      <p class="fr-callout__text">
        Les médecins volontaires consultent seulement dans les zones où il manque le plus de médecins. Pour trouver un
        médecin traitant près de chez vous, votre caisse d’Assurance Maladie peut vous aider (36 46, service gratuit +
        prix d’un appel).
      </p>
      {nearby.length > 0 ? (
        <>
          <p class="fr-mt-2w">Zones prioritaires de votre département :</p>
          <ul>
            {nearby.map((zone) => (
              <li>
                <a href={`/recherche?epci=${zone.siren}`}>{zone.name}</a>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p class="fr-mt-2w">Votre département n’a pas encore de zone prioritaire.</p>
      )}
    </div>
  );
}

export function ResultsView(props: { place: Place; found: WindowSearch; now: Date; next?: string; later: boolean }) {
  const { place, found, now, next, later } = props;
  const days = groupByDayAndSite(found.rows);
  const unknown = found.zone && !found.zone.known;
  const outside = place.notPriority || (found.zone?.known && !found.zone.priority);
  const title = unknown ? `Lieu introuvable` : `Créneaux libres près de ${place.label}`;
  const lead = whereNext(found, now);
  const count = `${found.rows.length} créneau${found.rows.length > 1 ? 'x' : ''} libre${found.rows.length > 1 ? 's' : ''}`;
  return (
    <Layout title={`${title} – étape 1 sur 4`}>
      <h1>{title}</h1>
      <Stepper current={1} />
      {unknown ? (
        <p class="fr-text--lead">Nous ne trouvons aucune commune pour « {place.label} ». Vérifiez et recommencez.</p>
      ) : outside ? (
        <OutsideZones place={place} nearby={found.nearbyPriorityZones ?? []} />
      ) : days.length === 0 ? (
        <>
          <div class="fr-callout">
            <h2 class="fr-callout__title">Aucun créneau libre pour le moment</h2>
            <p class="fr-callout__text">
              Aucun créneau n’est libre près de {place.label}{' '}
              {found.window === 0 ? `dans les ${WINDOW_DAYS} prochains jours` : 'sur cette période'}. {lead}
            </p>
          </div>
          <WindowLinks found={found} href={(periode) => `/recherche?${place.query}&periode=${periode}`} />
          <p class="fr-mt-4w">
            <a
              class="fr-btn fr-btn--secondary"
              href={`/liste-attente?${new URLSearchParams(Object.entries(place.filter)).toString()}`}
            >
              Être prévenu quand un créneau se libère
            </a>
          </p>
        </>
      ) : (
        <>
          <FirstSlot slot={found.rows[0]} now={now} />
          <p role="status">
            {found.skipped
              ? `${lead} ${count}.`
              : `${count}${later || found.window > 0 ? '' : ` dans les ${WINDOW_DAYS} prochains jours`}.`}{' '}
            Choisissez une heure pour voir le détail avant de réserver.
          </p>
          {days.map((day) => {
            const label = frenchDay(new Date(day.first.starts_at), day.first.time_zone, now);
            return (
              <section class="fr-mt-4w" aria-labelledby={`jour-${day.date}`}>
                <h2 id={`jour-${day.date}`}>
                  {label[0].toUpperCase() + label.slice(1)}{' '}
                  <span class="fr-text--md">
                    ({howFarAhead(new Date(day.first.starts_at), now, day.first.time_zone)})
                  </span>
                </h2>
                {day.sites.map((site) => (
                  <SiteSlots site={site} dayLabel={label} />
                ))}
              </section>
            );
          })}
          {next ? (
            <p>
              <a class="fr-link" href={next}>
                Voir les créneaux suivants
              </a>
            </p>
          ) : (
            <WindowLinks found={found} href={(periode) => `/recherche?${place.query}&periode=${periode}`} />
          )}
        </>
      )}
      <h2 class="fr-mt-6w">Chercher ailleurs</h2>
      <SearchForm />
    </Layout>
  );
}

export function ChoiceView({
  typed,
  choices,
}: {
  typed: string;
  choices: Array<{ insee: string; name: string; postcodes: string[]; departement: string }>;
}) {
  return (
    <Layout title="Choisir votre commune – étape 1 sur 4">
      <h1>Plusieurs communes correspondent à « {typed} »</h1>
      <p class="fr-text--lead">Choisissez la vôtre :</p>
      <ul>
        {choices.map((commune) => (
          <li>
            <a href={`/recherche?commune=${commune.insee}`}>
              {commune.name} ({commune.postcodes.join(', ') || `département ${commune.departement}`})
            </a>
          </li>
        ))}
      </ul>
      <h2 class="fr-mt-6w">Chercher ailleurs</h2>
      <SearchForm value={typed} />
    </Layout>
  );
}
