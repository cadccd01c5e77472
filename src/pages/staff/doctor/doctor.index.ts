// The medecin space's pages, mounted at /medecin behind the staff guard (c.var.caller is set).
import { Hono } from 'hono';
import type { AppEnv } from '../../../lib/types';
import { doctorHome } from './home.page';

export const doctorPages = new Hono<AppEnv>();
doctorPages.get('/', doctorHome);
