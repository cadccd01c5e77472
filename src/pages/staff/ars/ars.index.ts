// The ars space's pages, mounted at /ars behind the staff guard (c.var.caller is set).
import { Hono } from 'hono';
import type { AppEnv } from '../../../lib/types';
import { arsHome } from './home.page';

export const arsPages = new Hono<AppEnv>();
arsPages.get('/', arsHome);
