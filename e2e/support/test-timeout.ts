import { jest } from '@jest/globals';

// Jest reads testTimeout only from the root configuration, not from a project's: the end-to-end
// suites start platforms and browsers, so they get their minute here.
jest.setTimeout(60_000);
