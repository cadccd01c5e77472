import { callerAs, callerOf } from '../../middleware/require-role';
import { scopeOf } from '../../domain/caller';
import type { RouteHandler } from '@hono/zod-openapi';
import type { AppEnv } from '../../app-env';
import {
  doctorIndemnities,
  exportCsv,
  indemnityLines,
  presenceThresholds,
} from '../../core/indemnities/indemnities.operations';
import type { indemnityExport, myIndemnities } from './indemnities.routes';

export const myIndemnitiesHandler: RouteHandler<typeof myIndemnities, AppEnv> = async (c) => {
  const { month } = c.req.valid('query');
  return c.json(
    await doctorIndemnities(c.var.db, callerAs(c, 'doctor').rpps, month, presenceThresholds(c.var.config())),
    200,
  );
};

export const indemnityExportHandler: RouteHandler<typeof indemnityExport, AppEnv> = async (c) => {
  const { month, format } = c.req.valid('query');
  const lines = await indemnityLines(c.var.db, month, scopeOf(callerOf(c)), presenceThresholds(c.var.config()));
  if (format === 'csv') {
    return c.body(exportCsv(lines.items), 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="indemnites-${month}.csv"`,
    });
  }
  return c.json(lines, 200);
};
