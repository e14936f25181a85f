import type { StatusListBits } from '@issuer/formats';

/** How new status lists are made when no open one is left (Token Status List Section 4). */
export interface StatusListTemplate {
  bits: StatusListBits;
  size: number;
  /** Section 5.1: the URI the list with this id is served at. */
  uri(id: string): string;
}

/** A credential's entry in a status list: the `idx` and `uri` of its `status_list` claim (Section 6.2). */
export interface AllocatedStatus {
  credentialId: string;
  statusListId: string;
  uri: string;
  idx: number;
}

export interface CredentialStatusRecord extends AllocatedStatus {
  /** Section 7.1 Status Type, as the list's bytes hold it. */
  status: number;
}

/** The credentials whose status changes together: one issuance, or one credential response. */
export type CredentialStatusTarget = { issuanceId: string } | { notificationId: string };

/** A status list as stored, ready to be signed as a Status List Token. */
export interface StoredStatusList {
  id: string;
  uri: string;
  bits: StatusListBits;
  size: number;
  bytes: Uint8Array;
  version: number;
  updatedAt: Date;
}
