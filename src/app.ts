// The application, free of `cloudflare:*` imports so that it runs under workerd, in tests with an
// injected clock, and in any other fetch-based host.
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { drainUnreadBody } from './middleware/drain-body';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { mapDatabaseError } from './db/errors';
import { ConfigurationError } from './lib/configuration-error';
import { preferredLanguage } from './lib/language';
import { errorSummary, log } from './lib/log';
import { problem, ProblemError } from './domain/problem';
import { problemResponse } from './lib/problem';
import { registerProblemComponents, withRequestIdHeader } from './lib/openapi';
import { createRouter } from './routes/router';
import { systemClock, type Clock } from './lib/clock';
import type { AppEnv } from './app-env';
import { accessLog } from './middleware/access-log';
import { authenticate } from './middleware/auth';
import { referenceRead } from './middleware/reference-read';
import { corsForPartners } from './middleware/cors';
import { noStoreWhenAuthenticated } from './middleware/no-store';
import { requestContext } from './middleware/request-context';
import { publishEvents } from './middleware/publish-events';
import { authRouter } from './pages/sign-in/sign-in.routes';
import { fhirRouter } from './fhir/fhir.index';
import { configuredOrigin } from './fhir/context';
import { isFhirPath, operationOutcomeResponse } from './fhir/operation-outcome';
import { auditRouter } from './routes/audit/audit.index';
import { bookingsRouter } from './routes/bookings/bookings.index';
import { callListRouter } from './routes/call-list/call-list.index';
import { communesRouter } from './routes/communes/communes.index';
import { docsRouter } from './routes/docs/docs.index';
import { healthRouter } from './routes/health/health.index';
import { holdsRouter } from './routes/holds/holds.index';
import { indemnitiesRouter } from './routes/indemnities/indemnities.index';
import { meRouter } from './routes/me/me.index';
import { erasuresRouter } from './routes/erasures/erasures.index';
import { missionsRouter } from './routes/missions/missions.index';
import { notificationsRouter } from './routes/notifications/notifications.index';
import { problemsRouter } from './routes/problems/problems.index';
import { sitesRouter } from './routes/sites/sites.index';
import { slotsRouter } from './routes/slots/slots.index';
import { tariffsRouter } from './routes/tariffs/tariffs.index';
import { zoneStatsRouter } from './routes/zone-stats/zone-stats.index';
import { eventsRouter } from './routes/events/events.index';
import { webhooksRouter } from './routes/webhooks/webhooks.index';
import { registerWebhookDocs } from './routes/webhooks/webhooks.openapi';
import { registerHeaderParameters } from './routes/headers';
import { waitlistRouter } from './routes/waitlist/waitlist.index';
import { zonesRouter } from './routes/zones/zones.index';
import { notFoundPage } from './pages/errors';
import { pagesRouter } from './pages/pages.index';
import { wantsPage } from './pages/render';

export interface AppOptions {
  /** The clock every rule reads "now" from; tests inject a fixed one. */
  clock?: Clock;
}

export const API_INFO = {
  title: 'Un médecin près de chez vous — booking API',
  version: '1.0.0',
  // The State's open licence for public information: integrators may reuse this description freely.
  license: {
    name: 'Licence Ouverte / Open Licence 2.0',
    url: 'https://www.etalab.gouv.fr/licence-ouverte-open-licence',
  },
  contact: {
    name: 'Éditeur du service (mentions légales)',
    url: 'https://medecin-pres-de-chez-vous.sante.gouv.fr/mentions-legales',
  },
  description:
    'National appointment API of the mission de solidarité territoriale: volunteer GPs consult in the priority zones (zones rouges) at the tarif opposable, without dépassement d’honoraires.',
};

const TAGS = [
  { name: 'Booking', description: 'Search free slots, hold one, book it, cancel.' },
  {
    name: 'Waitlist',
    description:
      'Wait in a zone for a freed slot: offered first come, first served, kept for a while, accepted by booking it.',
  },
  { name: 'Mission day', description: 'Check-in and check-out, arrivals, consultations, no-shows.' },
  { name: 'Supply', description: 'Consultation sites and doctors’ mission days.' },
  { name: 'Zones', description: 'Priority zones (EPCI), communes, and the ARS dashboard.' },
  { name: 'Indemnities', description: 'What doctors are paid for their mission days.' },
  {
    name: 'Webhooks',
    description: 'Integrators’ endpoints for events of their bookings (Standard Webhooks), and what they receive.',
  },
  { name: 'Privacy', description: 'Erasure of a person’s data on request (the ARS data protection officer).' },
  { name: 'Operations', description: 'Health, readiness, identity, audit.' },
  { name: 'Problems', description: 'What each problem code means.' },
];

const PRODUCTION_HOST = 'medecin-pres-de-chez-vous.sante.gouv.fr';
const SANDBOX_HOST = `bac-a-sable.${PRODUCTION_HOST}`;

/** Generators take the first server: production, with the sandbox one variable away; then wherever this document was served from. */
export const SERVERS = [
  {
    url: 'https://{host}',
    description: 'Production or sandbox (test data, test tokens, same contract)',
    variables: {
      host: {
        default: PRODUCTION_HOST,
        enum: [PRODUCTION_HOST, SANDBOX_HOST],
        description: `${PRODUCTION_HOST}: production; ${SANDBOX_HOST}: sandbox.`,
      },
    },
  },
  { url: '/', description: 'The deployment serving this document (a local `npm start`, for one)' },
];

export function openApiDocument(app: OpenAPIHono<AppEnv>) {
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
  });
  registerProblemComponents(app.openAPIRegistry);
  registerHeaderParameters(app.openAPIRegistry);
  registerWebhookDocs(app.openAPIRegistry);
  return withRequestIdHeader(
    app.getOpenAPI31Document({ openapi: '3.1.0', info: API_INFO, servers: SERVERS, tags: TAGS }),
  );
}

function fromConfigurationError(error: Error, requestId: string) {
  if (!(error instanceof ConfigurationError)) return undefined;
  log('error', 'misconfigured', { requestId, invalid: error.message });
  return problem('misconfigured', 'The service is misconfigured; operators have been alerted.');
}

function fromDatabaseError(error: Error) {
  const failure = mapDatabaseError(error);
  if (!failure) return undefined;
  const headers: Record<string, string> = failure.retryAfterSeconds
    ? { 'retry-after': String(failure.retryAfterSeconds) }
    : {};
  return problem(failure.code, failure.detail, { headers });
}

// Hono raises these itself, e.g. for a body that is not JSON.
function fromHttpException(error: Error) {
  if (!(error instanceof HTTPException) || error.status >= 500) return undefined;
  return problem('bad_request', error.message || 'The request could not be read.', { status: error.status });
}

export function createApp(options: AppOptions = {}) {
  const app = createRouter();
  app.use('*', requestId());
  app.use('*', accessLog);
  app.use('*', secureHeaders());
  // Before the body limit and authentication: a preflight carries neither body nor token.
  app.use('*', corsForPartners);
  app.use(
    '*',
    bodyLimit({
      maxSize: 16 * 1024,
      onError: () => {
        throw problem('payload_too_large', 'Request bodies are limited to 16 KiB.');
      },
    }),
  );
  // Inside the body limit: drains through its counting stream.
  app.use('*', drainUnreadBody);
  app.use('*', requestContext(options.clock ?? systemClock));
  app.use('*', publishEvents);
  app.use('*', noStoreWhenAuthenticated);
  app.use('*', authenticate);

  const routers = [
    healthRouter,
    zonesRouter,
    tariffsRouter,
    communesRouter,
    meRouter,
    sitesRouter,
    missionsRouter,
    slotsRouter,
    holdsRouter,
    bookingsRouter,
    waitlistRouter,
    notificationsRouter,
    callListRouter,
    auditRouter,
    indemnitiesRouter,
    zoneStatsRouter,
    webhooksRouter,
    eventsRouter,
    erasuresRouter,
    problemsRouter,
  ];
  for (const router of routers) app.route('/', router);

  // Built on first request, not at every isolate start: only this route needs it.
  let document: ReturnType<typeof openApiDocument> | undefined;
  app.use('/openapi.json', referenceRead({ cacheControl: 'public, max-age=3600' }));
  app.get('/openapi.json', (c) => c.json((document ??= openApiDocument(app))));
  app.route('/', docsRouter);
  // Page routes (HTML, sessions): outside the OpenAPI document.
  app.route('/', authRouter);
  app.route('/', pagesRouter);

  app.route('/fhir', fhirRouter);

  // One catalogue, two renderings: the FHIR door answers an OperationOutcome, every other one problem+json.
  const render = (problem: ProblemError, c: Context<AppEnv>) => {
    const language = preferredLanguage(c.req.header('accept-language'));
    return isFhirPath(c.req.path)
      ? operationOutcomeResponse(problem, configuredOrigin(c), language)
      : problemResponse(problem, c.req.path, language);
  };
  // A person's browser gets a French page; programs (and anything under /v1/ or /fhir) get a problem.
  app.notFound((c) =>
    wantsPage(c.req.path, c.req.header('accept'))
      ? notFoundPage(c)
      : render(problem('not_found', `No route for ${c.req.method} ${c.req.path}.`), c),
  );
  app.onError((error, c) => {
    const refusal =
      error instanceof ProblemError
        ? error
        : (fromHttpException(error) ?? fromConfigurationError(error, c.var.requestId) ?? fromDatabaseError(error));
    if (refusal) return render(refusal, c);
    log('error', 'unhandled_error', { requestId: c.var.requestId, route: c.req.routePath, error: errorSummary(error) });
    return render(problem('internal_error', 'An unexpected error occurred; it has been logged.'), c);
  });
  return app;
}
