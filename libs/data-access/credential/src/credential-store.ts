import type { Prisma } from './generated/client.js';
import { issuedCredentialStore, type IssuedCredentialStore } from './issued-credential-store.js';
import { statusListStore, type StatusListStore } from './status-list-store.js';
import { testBehaviourStore, type TestBehaviourStore } from './test-behaviour-store.js';

/** Every read and write of the credential schema, on the client or inside one transaction. */
export interface CredentialStore extends IssuedCredentialStore, StatusListStore, TestBehaviourStore {}

export function credentialStore(client: Prisma.TransactionClient): CredentialStore {
  return { ...issuedCredentialStore(client), ...statusListStore(client), ...testBehaviourStore(client) };
}
