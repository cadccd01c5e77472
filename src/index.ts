// Worker entry: the app with the real clock. Durable Object classes are exported from here too.
import { createApp } from './app';

export default createApp();
