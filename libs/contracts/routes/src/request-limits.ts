/** Every service's request body limit; the distributed gateway refuses a larger declared body itself. */
export const BODY_LIMIT_BYTES = 256 * 1024;

/**
 * The session-log service's OTLP receiver (internal, behind its ingest token) takes exports of many
 * timeline records at once; a collector batches up to several megabytes.
 */
export const OTLP_BODY_LIMIT_BYTES = 8 * 1024 * 1024;
