// Importing the region's priority zones from a file: GET /ars/zones/import shows the form (a file
// to choose, or its lines pasted), POST /ars/zones/import shows what each line would do and nothing
// else, and only POST /ars/zones/import/confirmer designates them, all together or none, through
// the operation POST /v1/zones/imports runs.
import { scopeOf } from '../../../domain/caller';
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import {
  importZones,
  previewZoneImport,
  type ImportLine,
  type ImportPreview,
  type ImportStatus,
} from '../../../core/zones/zone-import';
import { MAX_IMPORT_ROWS } from '../../../domain/zone-import';
import { ProblemError } from '../../../domain/problem';
import type { AppEnv } from '../../../app-env';
import { ConfirmOrBack, Notice } from '../../components';
import { ErrorSummary, DataTable } from './ars.components';
import { CsrfField, arsPage, hasNul } from './ars.frame';
import { callerOf } from '../../../middleware/require-role';

const LABELS = { fichier: 'Fichier CSV', csv: 'Ou collez ses lignes ici' };
const back = { href: '/ars/zones', label: 'Revenir aux zones prioritaires' };

const STATUS: Record<ImportStatus, string> = {
  resolved: 'À désigner',
  already_priority: 'Déjà zone prioritaire : rien ne change',
  unknown: 'Aucune intercommunalité ne correspond',
  ambiguous: 'Plusieurs intercommunalités correspondent : donnez le SIREN',
  outside_regions: 'Hors de vos régions',
  duplicate: 'En double dans le fichier',
  invalid: 'Ligne incomplète',
};

const INVALID_TEXT: Record<string, string> = {
  header: 'La première ligne doit nommer les colonnes : source, et siren, ou nom et departement.',
};

function ImportForm({ c, csv = '', error }: { c: Context<AppEnv>; csv?: string; error?: string }) {
  return (
    <form method="post" action="/ars/zones/import" enctype="multipart/form-data" class="fr-mb-6w">
      <CsrfField c={c} />
      <div class={`fr-upload-group${error ? ' fr-input-group--error' : ''}`}>
        <label class="fr-label" for="fichier">
          {LABELS.fichier}
          <span class="fr-hint-text">
            Une intercommunalité par ligne, au plus {MAX_IMPORT_ROWS}. Colonnes séparées par des points-virgules :
            siren;source, ou nom;departement;source.
          </span>
        </label>
        <input class="fr-upload" type="file" id="fichier" name="fichier" accept=".csv,text/csv" />
      </div>
      <div class={`fr-input-group${error ? ' fr-input-group--error' : ''}`}>
        <label class="fr-label" for="csv">
          {LABELS.csv}
          <span class="fr-hint-text">
            Par exemple : nom;departement;source, puis CC du Haut-Allier;48;Arrêté ARS Occitanie du 30 juin 2025
          </span>
        </label>
        <textarea
          class={`fr-input${error ? ' fr-input--error' : ''}`}
          id="csv"
          name="csv"
          rows={8}
          {...(error ? { 'aria-describedby': 'csv-erreur', 'aria-invalid': 'true' } : {})}
        >
          {csv}
        </textarea>
        {error ? (
          <p class="fr-error-text" id="csv-erreur">
            {error}
          </p>
        ) : null}
      </div>
      <button class="fr-btn" type="submit">
        Vérifier le fichier
      </button>
    </form>
  );
}

function Lines({ lines }: { lines: ImportLine[] }) {
  return (
    <DataTable caption="Ce que ferait chaque ligne du fichier" columns={['Ligne', 'Intercommunalité', 'Résultat']}>
      {lines.map((l) => (
        <tr>
          <td>{l.line}</td>
          <td>
            {l.zone
              ? `${l.zone.name} (${l.zone.siren})`
              : l.candidates
                ? l.candidates.map((z) => `${z.name} (${z.siren})`).join(', ')
                : '–'}
          </td>
          <td>{l.status === 'invalid' && l.line === 1 ? INVALID_TEXT.header : STATUS[l.status]}</td>
        </tr>
      ))}
    </DataTable>
  );
}

const page = (c: Context<AppEnv>, title: string, body: Child, status: ContentfulStatusCode = 200) =>
  arsPage(c, title, '/ars/zones', body, status);

export const importFormPage = (c: Context<AppEnv>) =>
  page(
    c,
    'Importer des zones prioritaires',
    <>
      <h1>Importer des zones prioritaires</h1>
      <p>
        Vous vérifiez d’abord ce que fera chaque ligne ; rien n’est enregistré avant votre confirmation, et une ligne à
        corriger arrête tout l’import.
      </p>
      <ImportForm c={c} />
      <p>
        <a class="fr-link" href={back.href}>
          {back.label}
        </a>
      </p>
    </>,
  );

/** The file's text: the chosen file, or else the pasted lines. */
async function csvOf(c: Context<AppEnv>): Promise<string> {
  const form = await c.req.parseBody();
  const file = form.fichier;
  if (file instanceof File && file.size > 0) return (await file.text()).trim();
  return typeof form.csv === 'string' ? form.csv.trim() : '';
}

function previewView(c: Context<AppEnv>, csv: string, preview: ImportPreview, status: ContentfulStatusCode = 200) {
  const refused = preview.refused > 0 || preview.lines.length === 0;
  return page(
    c,
    `${refused ? 'Erreur – ' : ''}Importer des zones prioritaires – vérification`,
    <>
      <h1>Vérifier l’import</h1>
      {refused ? (
        <ErrorSummary
          errors={{
            csv: `${preview.refused} ligne${preview.refused > 1 ? 's' : ''} à corriger : rien ne sera importé tant qu’elles ne le sont pas.`,
          }}
          labels={{ csv: 'Fichier' }}
        />
      ) : (
        <Notice kind="info" title="Rien n’est encore enregistré">
          {preview.toDesignate} zone{preview.toDesignate > 1 ? 's seront désignées' : ' sera désignée'}
          {preview.unchanged ? `, ${preview.unchanged} le ${preview.unchanged > 1 ? 'sont' : 'est'} déjà` : ''}.
        </Notice>
      )}
      <Lines lines={preview.lines} />
      {refused ? (
        <>
          <h2>Corriger le fichier</h2>
          <ImportForm c={c} csv={csv} error="Corrigez les lignes signalées ci-dessus, puis vérifiez à nouveau." />
        </>
      ) : (
        <ConfirmOrBack
          action="/ars/zones/import/confirmer"
          yes={`Confirmer l’import de ${preview.toDesignate} zone${preview.toDesignate > 1 ? 's' : ''}`}
          back="/ars/zones/import"
          backLabel="Choisir un autre fichier"
        >
          <CsrfField c={c} />
          <input type="hidden" name="csv" value={csv} />
        </ConfirmOrBack>
      )}
    </>,
    status,
  );
}

export async function importPreviewPage(c: Context<AppEnv>) {
  const csv = await csvOf(c);
  if (!csv || hasNul(csv)) {
    return page(
      c,
      'Erreur – Importer des zones prioritaires',
      <>
        <h1>Importer des zones prioritaires</h1>
        <ErrorSummary errors={{ csv: 'Choisissez un fichier CSV, ou collez ses lignes.' }} labels={LABELS} />
        <ImportForm c={c} error="Choisissez un fichier CSV, ou collez ses lignes." />
      </>,
      400,
    );
  }
  const { rows: _rows, ...preview } = await previewZoneImport(c.var.db, csv, scopeOf(callerOf(c)));
  return previewView(c, csv, preview, preview.refused > 0 || preview.lines.length === 0 ? 422 : 200);
}

export async function importConfirmPage(c: Context<AppEnv>) {
  const csv = await csvOf(c);
  try {
    const done = await importZones(c.var.db, callerOf(c), csv, c.var.now);
    return c.redirect(`/ars/zones?importees=${done.toDesignate}`, 303);
  } catch (error) {
    if (!(error instanceof ProblemError) || error.code !== 'zone_import_unresolved') throw error;
    // The file changed meaning since the preview (a zone designated meanwhile elsewhere): show it again.
    const { rows: _rows, ...preview } = await previewZoneImport(c.var.db, csv, scopeOf(callerOf(c)));
    return previewView(c, csv, preview, 422);
  }
}
