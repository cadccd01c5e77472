// The ARS space's home: where each task lives.
import { scopeOf } from '../../../domain/caller';
import type { Context } from 'hono';
import type { AppEnv } from '../../../app-env';
import { NATIONAL, type RegionScope } from '../../../domain/region-scope';
import { regionName } from '../../../domain/regions';
import { arsPage } from './ars.frame';
import { NAV } from './ars.nav';
import { callerOf } from '../../../middleware/require-role';

const WHAT: Record<string, string> = {
  '/ars/zones':
    'Désigner une zone en cherchant son nom, ou en retirer une, avec le texte qui le décide ; voir les chiffres d’une zone.',
  '/ars/sites': 'Ajouter un lieu de consultation, modifier ceux d’une zone.',
  '/ars/couverture':
    'Les jours ouvrés couverts par un médecin, région par région et zone par zone, et les jours restés sans médecin.',
  '/ars/indemnites': 'Les journées à payer d’un mois, et leur fichier.',
};

/** What the officer sees, said first: every page shows only that. */
function regionsInWords(scope: RegionScope) {
  if (scope === NATIONAL) return 'Vous voyez tout le pays.';
  const names = scope.map((code) => regionName(code)!).sort((a, b) => a.localeCompare(b, 'fr'));
  return names.length === 1
    ? `Vous voyez la région ${names[0]}.`
    : `Vous voyez les régions ${names.slice(0, -1).join(', ')} et ${names[names.length - 1]}.`;
}

export function arsHome(c: Context<AppEnv>) {
  return arsPage(
    c,
    'Accueil',
    '/ars',
    <>
      <h1>Tableau de bord de l’ARS</h1>
      <p>{regionsInWords(scopeOf(callerOf(c))!)}</p>
      <div class="fr-grid-row fr-grid-row--gutters">
        {NAV.filter((entry) => WHAT[entry.href]).map((entry) => (
          <div class="fr-col-12 fr-col-md-6">
            <div class="fr-tile fr-enlarge-link">
              <div class="fr-tile__body">
                <div class="fr-tile__content">
                  <h2 class="fr-tile__title">
                    <a href={entry.href}>{entry.label}</a>
                  </h2>
                  <p class="fr-tile__desc">{WHAT[entry.href]}</p>
                </div>
              </div>
            </div>
          </div>
        ))}
      </div>
    </>,
  );
}
