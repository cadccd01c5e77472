// Worker entry: the app with the real clock, and the Durable Object classes it binds to.
import { createApp } from './app';

export { CallerRateLimiter } from './durable-objects/caller-rate-limiter';
export { ZoneRateLimiter } from './durable-objects/zone-rate-limiter';
export default createApp();
