import type { SigningKey } from '../credential-format.js';
import { jwsSigner } from '../jws-signer.js';
import type { StatusList } from './status-list.js';
import { encodeStatusList, type StatusListJson } from './status-list-json.js';

/** Section 5.1: `typ` of a Status List Token in JWT format. */
export const STATUS_LIST_JWT_TYPE = 'statuslist+jwt';

export interface StatusListTokenInput {
  list: StatusList;
  /** Section 5.1 `sub`: the URI the token is served at, equal to `status_list.uri` in Referenced Tokens. */
  uri: string;
  signingKey: Pick<SigningKey, 'kid' | 'alg' | 'privateKey' | 'x5c'>;
  /** `iat`, epoch seconds. */
  now: number;
  /** Section 5.1 `ttl`: seconds a consumer may cache the token before fetching it again. */
  ttl: number;
  /** Section 5.1 `exp`, epoch seconds. */
  exp?: number;
}

export interface StatusListTokenPayload {
  sub: string;
  iat: number;
  exp?: number;
  ttl: number;
  status_list: StatusListJson;
}

/** A Status List Token in JWT format (Section 5.1), compact serialization. */
export function signStatusListToken({ list, uri, signingKey, now, ttl, exp }: StatusListTokenInput): string {
  if (!(ttl > 0)) throw new RangeError(`ttl must be a positive number of seconds, not ${ttl}`);
  if (exp !== undefined && !(exp > now)) throw new RangeError(`exp ${exp} is not after iat ${now}`);
  const header = { typ: STATUS_LIST_JWT_TYPE, alg: signingKey.alg, kid: signingKey.kid, ...(signingKey.x5c && { x5c: signingKey.x5c }) };
  const payload: StatusListTokenPayload = { sub: uri, iat: now, ...(exp !== undefined && { exp }), ttl, status_list: encodeStatusList(list) };
  const signingInput = `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
  return `${signingInput}.${jwsSigner(signingKey.alg, signingKey.privateKey)(signingInput)}`;
}
