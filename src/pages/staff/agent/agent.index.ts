// The agent space's pages, mounted at /agent behind the staff guard (c.var.caller is set).
import { Hono } from 'hono';
import type { AppEnv } from '../../../lib/types';
import { agentHome } from './home.page';

export const agentPages = new Hono<AppEnv>();
agentPages.get('/', agentHome);
