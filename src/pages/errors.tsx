// What a patient sees when something goes wrong on a page: a French page with what to do next,
// never a problem+json body or a stack trace. Codes and ids go to the log, not to the page.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { HTTPException } from 'hono/http-exception';
import { mapDatabaseError } from '../db/errors';
import { ConfigurationError } from '../lib/configuration-error';
import { errorSummary, log } from '../lib/log';
import { ProblemError } from '../domain/problem';
import type { AppEnv } from '../app-env';
import { SearchForm } from './components';
import { Layout } from './layout';
import { renderPage } from './render';

interface Explanation {
  status: number;
  title: string;
  text: string;
  headers?: Record<string, string>;
}

function explain(error: Error): Explanation | undefined {
  const problem =
    error instanceof ProblemError
      ? { status: error.status, code: error.code, headers: error instanceof ProblemError ? error.headers : {} }
      : undefined;
  if (problem?.code === 'rate_limited') {
    const seconds = problem.headers['retry-after'] ?? '60';
    return {
      status: 429,
      title: 'Trop de recherches en peu de temps',
      text: `Beaucoup de personnes cherchent un créneau en ce moment. Réessayez dans ${seconds} secondes.`,
      headers: { 'retry-after': seconds },
    };
  }
  if (problem?.status === 404)
    return { status: 404, title: 'Page introuvable', text: 'Cette page n’existe pas ou plus.' };
  if (problem && problem.status < 500)
    return {
      status: problem.status,
      title: 'Demande impossible',
      text: 'Nous n’avons pas pu traiter cette demande. Revenez à l’accueil pour recommencer.',
    };
  if (error instanceof HTTPException && error.status < 500)
    return {
      status: error.status,
      title: 'Demande impossible',
      text: 'Nous n’avons pas pu lire cette demande. Revenez à l’accueil pour recommencer.',
    };
  const database = mapDatabaseError(error);
  if (database && database.status >= 500) {
    return {
      status: 503,
      title: 'Service momentanément indisponible',
      text: 'Le service est momentanément indisponible. Réessayez dans quelques minutes.',
    };
  }
  // A rule the database itself enforced (text it cannot store, a constraint): the request's fault.
  if (database)
    return {
      status: database.status,
      title: 'Demande impossible',
      text: 'Nous n’avons pas pu enregistrer cette demande telle quelle. Vérifiez ce que vous avez saisi et recommencez.',
    };
  return undefined;
}

export function ErrorPage({ title, text }: { title: string; text: string }) {
  return (
    <Layout title={title}>
      <h1>{title}</h1>
      <p class="fr-text--lead">{text}</p>
      <p>
        Vous pouvez chercher un créneau depuis cette page ou revenir à <a href="/">l’accueil</a>.
      </p>
      <SearchForm />
    </Layout>
  );
}

export const notFoundPage = (c: Context<AppEnv>) =>
  renderPage(
    c,
    <ErrorPage
      title="Page introuvable"
      text="Cette page n’existe pas ou plus. Vérifiez l’adresse, ou cherchez un créneau ci-dessous."
    />,
    404,
  );

/** The pages' onError: a French page whatever failed; the unexpected is logged with ids only. */
export function errorPage(error: Error, c: Context<AppEnv>) {
  let explanation = explain(error);
  if (!explanation) {
    log('error', error instanceof ConfigurationError ? 'misconfigured' : 'unhandled_error', {
      requestId: c.var.requestId,
      route: c.req.routePath,
      error: errorSummary(error),
    });
    explanation = {
      status: 503,
      title: 'Service momentanément indisponible',
      text: 'Une erreur inattendue nous empêche de répondre. Elle a été signalée ; réessayez dans quelques minutes.',
    };
  }
  const response = renderPage(
    c,
    <ErrorPage title={explanation.title} text={explanation.text} />,
    explanation.status as ContentfulStatusCode,
  );
  for (const [name, value] of Object.entries(explanation.headers ?? {})) response.headers.set(name, value);
  return response;
}
