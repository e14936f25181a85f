import { pino } from 'pino';

/** What the buses log through; a pino logger fits. */
export interface BusLogger {
  warn(data: object, message: string): void;
  error(data: object, message: string): void;
}

export function defaultBusLogger(): BusLogger {
  return pino({ name: 'messaging' });
}
