import type { RouteHandler } from '@hono/zod-openapi';
import { listTariffs as readTariffs } from '../../core/tariffs/tariffs.queries';
import type { AppEnv } from '../../app-env';
import type { listTariffs } from './tariffs.routes';

export const listTariffsHandler: RouteHandler<typeof listTariffs, AppEnv> = async (c) =>
  c.json({ items: await readTariffs(c.var.db, c.req.valid('query').territory) }, 200);
