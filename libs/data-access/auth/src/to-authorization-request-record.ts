import type { AuthorizationRequest as AuthorizationRequestRow } from './generated/client.js';
import type { AuthorizationRequestRecord } from './authorization-request.js';

export function toAuthorizationRequestRecord(row: AuthorizationRequestRow): AuthorizationRequestRecord {
  const record: Partial<AuthorizationRequestRow> = { ...row };
  delete record.createdAt;
  return { ...(record as Omit<AuthorizationRequestRow, 'createdAt'>), authorizationDetails: row.authorizationDetails as object[] | null, testBehaviours: row.testBehaviours as Record<string, unknown> | null };
}
