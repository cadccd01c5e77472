import type { RouteHandler } from '@hono/zod-openapi';
import { notFound } from '../../domain/problem';
import type { AppEnv } from '../../app-env';
import { communeByInsee, communesByPostcode, searchCommunes, toCommune } from '../../core/communes/communes.queries';
import type { findCommunes, getCommune } from './communes.routes';

export const getCommuneHandler: RouteHandler<typeof getCommune, AppEnv> = async (c) => {
  const { insee } = c.req.valid('param');
  const [row] = await communeByInsee(c.var.db, insee);
  if (!row) throw notFound(`Commune ${insee}`);
  return c.json(toCommune(row), 200);
};

export const findCommunesHandler: RouteHandler<typeof findCommunes, AppEnv> = async (c) => {
  const { postcode, q } = c.req.valid('query');
  const rows =
    postcode !== undefined ? await communesByPostcode(c.var.db, postcode) : await searchCommunes(c.var.db, q!);
  return c.json({ items: rows.map(toCommune) }, 200);
};
