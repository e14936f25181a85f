import { startPlatform, type Mode } from './start-platform.js';

/** One platform per e2e run, in the mode E2E_MODE names; the suites reach it over HTTP only. */
export default async function globalSetup(): Promise<void> {
  const mode = (process.env['E2E_MODE'] ?? 'embedded') as Mode;
  if (mode !== 'embedded' && mode !== 'distributed') throw new Error(`E2E_MODE must be embedded or distributed, not ${mode}`);
  const platform = await startPlatform(mode, mode === 'embedded' ? 18080 : 18180);
  process.env['E2E_BASE_URL'] = platform.baseUrl;
  process.env['E2E_ADMIN_API_KEY'] = platform.adminApiKey;
  (globalThis as { __platform?: typeof platform }).__platform = platform;
}
