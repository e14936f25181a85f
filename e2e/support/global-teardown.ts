import type { PlatformUnderTest } from './start-platform.js';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __platform?: PlatformUnderTest }).__platform?.stop();
}
