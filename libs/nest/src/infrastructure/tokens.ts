/** Injection tokens for what every service module gets from the process that hosts it. */
export const PLATFORM_CONFIG = Symbol('PLATFORM_CONFIG');
export const DATABASE = Symbol('DATABASE');
export const EVENT_BUS = Symbol('EVENT_BUS');
export const COMMAND_BUS = Symbol('COMMAND_BUS');
export const KEY_STORE = Symbol('KEY_STORE');
export const LOGGER = Symbol('LOGGER');
export const CLOCK = Symbol('CLOCK');
export const PLATFORM_SECRETS = Symbol('PLATFORM_SECRETS');
export const CREDENTIAL_CONFIGURATIONS = Symbol('CREDENTIAL_CONFIGURATIONS');

/** Seconds since the epoch; injected so tests can fix time. */
export type Clock = () => number;
export const systemClock: Clock = () => Math.floor(Date.now() / 1000);
