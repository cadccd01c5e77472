// A zone's figures over a period (GET /ars/zones/{siren}?du=…&au=…): the same figures as
// GET /v1/zones/{siren}/stats, drawn as charts readable without colour, then as a table.
import { scopeOf } from '../../../domain/caller';
import type { Context } from 'hono';
import { MAX_STATS_DAYS, zoneFigures, type ZoneFigures } from '../../../core/zone-stats/zone-stats';
import { zoneOfRegions } from '../../../core/zones/zones.queries';
import { daysBetween, localDate } from '../../../domain/time';
import { LocalDate } from '../../../lib/openapi';
import type { AppEnv } from '../../../app-env';
import { BarChart, describeBars, type Bar } from './bar-chart';
import { ErrorSummary, Field, type FieldErrors, DataTable } from './ars.components';
import { arsPage, arsRefusal } from './ars.frame';
import { frenchDate, monthBounds, percent } from './ars.format';
import { callerOf } from '../../../middleware/require-role';

const LABELS = { du: 'Du', au: 'Au' };
const CHANNEL_LABELS = { web: 'Site web', app: 'Application', partner: 'Partenaires', phone: 'Téléphone' } as const;

function chartsOf(f: ZoneFigures): Array<{ id: string; title: string; bars: Bar[] }> {
  return [
    {
      id: 'journees',
      title: 'Journées de mission',
      bars: [
        { label: 'Prévues', value: f.missionDays.planned },
        { label: 'Tenues', value: f.missionDays.held },
        { label: 'Manquées', value: f.missionDays.missed },
      ],
    },
    {
      id: 'creneaux',
      title: 'Créneaux et rendez-vous',
      bars: [
        { label: 'Créneaux proposés', value: f.slots.offered },
        { label: 'Réservés', value: f.slots.booked },
        { label: 'Honorés', value: f.slots.fulfilled },
        { label: 'Absences', value: f.slots.noShows },
      ],
    },
    {
      id: 'canaux',
      title: 'Réservations par canal',
      bars: (Object.keys(CHANNEL_LABELS) as Array<keyof typeof CHANNEL_LABELS>).map((ch) => ({
        label: CHANNEL_LABELS[ch],
        value: f.bookedByChannel[ch].count,
      })),
    },
  ];
}

/** The no-show rate in a sentence that reads whole, with or without a rate to give. */
export function absenceSentence(rate: number | null): string {
  if (rate === null)
    return 'Taux d’absence : rien à mesurer sur cette période, aucun patient n’y est encore venu ni n’a manqué son rendez-vous.';
  return `Taux d’absence : ${percent(rate)} des patients qui avaient rendez-vous ne sont pas venus (parmi ceux dont on sait s’ils sont venus).`;
}

function FiguresTable({ f }: { f: ZoneFigures }) {
  const row = (label: string, value: string | number) => (
    <tr>
      <th scope="row">{label}</th>
      <td>{String(value)}</td>
    </tr>
  );
  return (
    <DataTable
      caption={
        <>
          Chiffres du {frenchDate(f.from)} au {frenchDate(f.to)}
        </>
      }
      columns={['Indicateur', 'Valeur']}
    >
      {row('Journées de mission prévues (non annulées)', f.missionDays.planned)}
      {row('Journées tenues (médecin arrivé)', f.missionDays.held)}
      {row('Journées manquées (médecin jamais arrivé)', f.missionDays.missed)}
      {row('Créneaux proposés', f.slots.offered)}
      {row('Créneaux réservés', f.slots.booked)}
      {row('Consultations honorées', f.slots.fulfilled)}
      {row('Absences des patients', f.slots.noShows)}
      {row('Taux d’absence', percent(f.noShowRate))}
      {(Object.keys(CHANNEL_LABELS) as Array<keyof typeof CHANNEL_LABELS>).map((ch) =>
        row(
          `Réservations – ${CHANNEL_LABELS[ch].toLowerCase()}`,
          `${f.bookedByChannel[ch].count} (${percent(f.bookedByChannel[ch].share)})`,
        ),
      )}
      {row('Personnes en liste d’attente aujourd’hui', f.waitlist.waiting)}
      {row('Créneaux libérés proposés et acceptés', f.waitlist.offersAccepted)}
      {row('Créneaux libérés proposés, sans réponse à temps', f.waitlist.offersExpired)}
    </DataTable>
  );
}

export async function figuresPage(c: Context<AppEnv>) {
  const siren = c.req.param('siren') ?? '';
  const back = { href: '/ars/zones', label: 'Revenir aux zones prioritaires' };
  if (!/^\d{9}$/.test(siren))
    return arsRefusal(c, 404, 'Zone introuvable', 'Cette adresse ne désigne aucune intercommunalité.', back);
  const month = monthBounds(localDate(c.var.now, 'Europe/Paris').slice(0, 7));
  const values = { du: c.req.query('du')?.trim() || month.from, au: c.req.query('au')?.trim() || month.to };
  const errors: FieldErrors = {};
  if (!LocalDate.safeParse(values.du).success)
    errors.du = 'Indiquez une date au format AAAA-MM-JJ, par exemple 2026-12-01.';
  if (!LocalDate.safeParse(values.au).success)
    errors.au = 'Indiquez une date au format AAAA-MM-JJ, par exemple 2026-12-31.';
  if (!errors.du && !errors.au) {
    if (values.au < values.du) errors.au = 'La fin de la période doit suivre son début.';
    else if (daysBetween(values.du, values.au) >= MAX_STATS_DAYS)
      errors.au = `La période couvre au plus ${MAX_STATS_DAYS} jours.`;
  }
  const db = c.var.db;
  const zone = await zoneOfRegions(db, siren, scopeOf(callerOf(c)));
  if (!zone) return arsRefusal(c, 404, 'Zone introuvable', `Aucune intercommunalité n’a le SIREN ${siren}.`, back);
  const invalid = Object.keys(errors).length > 0;
  const figures = invalid
    ? undefined
    : await zoneFigures(db, siren, values.du, values.au, c.var.now, scopeOf(callerOf(c)));
  return arsPage(
    c,
    `${invalid ? 'Erreur – ' : ''}Chiffres de ${zone.name}`,
    undefined,
    <>
      <h1>Chiffres de {zone.name}</h1>
      <p>
        SIREN {zone.siren}, {zone.region}.{' '}
        {zone.priority ? 'Zone prioritaire.' : 'Cette intercommunalité n’est pas (ou plus) une zone prioritaire.'}
      </p>
      <ErrorSummary errors={errors} labels={LABELS} />
      <form method="get" action={`/ars/zones/${siren}`} class="fr-mb-4w">
        <fieldset class="fr-fieldset">
          <legend class="fr-fieldset__legend">Période</legend>
          <div class="fr-fieldset__element">
            <Field
              id="du"
              label={LABELS.du}
              hint="Format attendu : AAAA-MM-JJ"
              value={values.du}
              error={errors.du}
              type="date"
              required
            />
          </div>
          <div class="fr-fieldset__element">
            <Field
              id="au"
              label={LABELS.au}
              hint="Format attendu : AAAA-MM-JJ ; au plus un an"
              value={values.au}
              error={errors.au}
              type="date"
              required
            />
          </div>
        </fieldset>
        <button class="fr-btn" type="submit">
          Afficher les chiffres
        </button>
      </form>
      {figures ? (
        <>
          <h2>
            Du {frenchDate(figures.from)} au {frenchDate(figures.to)}
          </h2>
          {chartsOf(figures).map((chart) => (
            <BarChart id={chart.id} title={chart.title} description={describeBars(chart.bars)} bars={chart.bars} />
          ))}
          <p id="taux-absence">{absenceSentence(figures.noShowRate)}</p>
          <FiguresTable f={figures} />
        </>
      ) : null}
      <p>
        <a class="fr-link" href={`/ars/sites?zone=${siren}`}>
          Les lieux de consultation de cette zone
        </a>
      </p>
    </>,
    invalid ? 400 : 200,
  );
}
