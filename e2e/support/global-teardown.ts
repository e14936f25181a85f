import type { PlatformUnderTest } from './global-setup.js';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __platform?: PlatformUnderTest }).__platform?.stop();
}
