export * from './session-log-migrations.js';
export * from './timeline.js';
export * from './session-log-store.js';
export * from './create-session-log-repository.js';
