// The environment wrangler runs in here: no metrics (the machine is offline, and local runs are not
// usage), and its config and logs kept in the project's .wrangler/ rather than the user's home.
export const wranglerEnv = () => ({
  ...process.env,
  WRANGLER_SEND_METRICS: 'false',
  XDG_CONFIG_HOME: new URL('../.wrangler/config', import.meta.url).pathname,
});
