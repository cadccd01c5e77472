// Worker entry: the app with the real clock, and the Durable Object classes it binds to.
import { createApp } from './app';

export { ZoneRateLimiter } from './durable-objects/zone-rate-limiter';
export default createApp();
