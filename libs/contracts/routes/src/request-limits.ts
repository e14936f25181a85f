/** Every service's request body limit; the distributed gateway refuses a larger declared body itself. */
export const BODY_LIMIT_BYTES = 256 * 1024;
