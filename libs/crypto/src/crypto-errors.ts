/** Errors carry a stable `code`; callers map codes to their protocol error, never messages. */

export type JwsFormatErrorCode = 'ERR_JWS_SEGMENTS' | 'ERR_JWS_BASE64URL' | 'ERR_JWS_JSON' | 'ERR_JWS_NOT_OBJECT';
export type JwsPart = 'header' | 'payload' | 'signature';

abstract class CodedError<Code extends string> extends Error {
  constructor(
    readonly code: Code,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class JwsFormatError extends CodedError<JwsFormatErrorCode> {
  constructor(
    code: JwsFormatErrorCode,
    message: string,
    readonly part?: JwsPart,
  ) {
    super(code, message);
  }
}

export type JwsAlgErrorCode = 'ERR_JWS_ALG_MISSING' | 'ERR_JWS_ALG_NONE' | 'ERR_JWS_ALG_SYMMETRIC' | 'ERR_JWS_ALG_UNSUPPORTED' | 'ERR_JWS_ALG_KEY_MISMATCH';

export class JwsAlgError extends CodedError<JwsAlgErrorCode> {}

export type JwkErrorCode = 'ERR_JWK_INVALID' | 'ERR_JWK_PRIVATE' | 'ERR_JWK_SYMMETRIC' | 'ERR_JWK_UNSUPPORTED';

export class JwkError extends CodedError<JwkErrorCode> {}

export type X5cErrorCode =
  | 'ERR_X5C_FORMAT'
  | 'ERR_X5C_EMPTY'
  | 'ERR_X5C_PARSE'
  | 'ERR_X5C_KEY_MISMATCH'
  | 'ERR_X5C_SELF_SIGNED'
  | 'ERR_X5C_CHAIN'
  | 'ERR_X5C_UNTRUSTED'
  | 'ERR_X5C_VALIDITY';

export class X5cError extends CodedError<X5cErrorCode> {}

export type DidErrorCode = 'ERR_DID_METHOD' | 'ERR_DID_INVALID' | 'ERR_DID_KEY_TYPE';

export class DidError extends CodedError<DidErrorCode> {}

export class KeyStoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyStoreError';
  }
}
