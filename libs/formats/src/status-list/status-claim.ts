/** Section 6.2: the `status_list` member of a Referenced Token's `status` claim. */
export interface StatusListReference {
  idx: number;
  uri: string;
}

export interface StatusClaim {
  status_list: StatusListReference;
}

/** The `status` claim pointing at entry `idx` of the Status List Token served at `uri`. */
export function statusClaim(idx: number, uri: string): StatusClaim {
  if (!Number.isSafeInteger(idx) || idx < 0) throw new RangeError(`idx must be a non-negative integer, not ${idx}`);
  return { status_list: { idx, uri } };
}
