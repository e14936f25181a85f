export * from './session-log-service.module.js';
export * from './ingest/ingest-timeline.js';
