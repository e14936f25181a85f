/** Section 7.1: the Status Types this issuer sets. */
export const StatusType = {
  VALID: 0,
  INVALID: 1,
  SUSPENDED: 2,
} as const;

export type StatusTypeName = keyof typeof StatusType;
