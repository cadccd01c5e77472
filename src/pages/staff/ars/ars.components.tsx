// Pieces the ARS pages share: a labelled field with its hint and error, the error summary worded
// for its fields (the shared one in src/pages/components.tsx), the month chooser, the table frame.
import type { Child } from 'hono/jsx';
import { ErrorSummary as FormErrors } from '../../components';

export type FieldErrors = Record<string, string>;

interface FieldProps {
  id: string;
  label: string;
  hint?: string;
  value?: string;
  error?: string;
  type?: string;
  required?: boolean;
  maxlength?: number;
  inputmode?: 'numeric' | 'tel' | 'text';
  autocomplete?: string;
}

export function Field({
  id,
  label,
  hint,
  value = '',
  error,
  type = 'text',
  required,
  maxlength,
  inputmode,
  autocomplete,
}: FieldProps) {
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class={`fr-input-group${error ? ' fr-input-group--error' : ''}`}>
      <label class="fr-label" for={id}>
        {label}
        {required ? ' (obligatoire)' : null}
        {hint ? (
          <span class="fr-hint-text" id={`${id}-hint`}>
            {hint}
          </span>
        ) : null}
      </label>
      <input
        class={`fr-input${error ? ' fr-input--error' : ''}`}
        id={id}
        name={id}
        type={type}
        value={value}
        required={required}
        maxlength={maxlength}
        inputmode={inputmode}
        autocomplete={autocomplete ?? 'off'}
        aria-describedby={described || undefined}
        aria-invalid={error ? 'true' : undefined}
      />
      {error ? (
        <p class="fr-error-text" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** At the top of a refused form: what went wrong, each line a link to its field. */
export function ErrorSummary({ errors, labels }: { errors: FieldErrors; labels: Record<string, string> }) {
  const fields = Object.entries(errors).map(([id, message]) => ({ id, label: labels[id] ?? id, message }));
  return (
    <FormErrors
      title={fields.length === 1 ? 'Un champ est à corriger' : `${fields.length} champs sont à corriger`}
      fields={fields}
    />
  );
}

/** A GET form choosing a month (YYYY-MM), keeping the other parameters of the page. */
export function MonthForm({
  action,
  month,
  error,
  hidden = {},
  submit,
}: {
  action: string;
  month: string;
  error?: string;
  hidden?: Record<string, string>;
  submit: string;
}) {
  return (
    <form method="get" action={action} class="fr-mb-4w">
      {Object.entries(hidden).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <Field
        id="mois"
        label="Mois"
        hint="Format attendu : AAAA-MM, par exemple 2026-12"
        value={month}
        error={error}
        type="month"
        required
        maxlength={7}
      />
      <button class="fr-btn" type="submit">
        {submit}
      </button>
    </form>
  );
}

/**
 * DSFR's table frame, in its markup that needs no script (the table scrolls within itself when
 * wider than the screen, so the page still reflows at 320 px); DSFR 1.15's newer markup relies on
 * its script for that. Inside, no fr-sr-only text: Chromium counts that absolutely positioned text
 * in the page's width; names beyond the visible words go in aria-label.
 */
function TableFrame({ children }: { children: Child }) {
  return <div class="fr-table">{children}</div>;
}

/** The ARS pages' tables: a caption, column headings, and the rows each page writes. */
export function DataTable({
  caption,
  columns,
  children,
}: {
  caption: Child;
  columns: readonly string[];
  children: Child;
}) {
  return (
    <TableFrame>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th scope="col">{column}</th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </TableFrame>
  );
}
