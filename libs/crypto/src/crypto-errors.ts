/** Errors carry a stable `code`; callers map codes to their protocol error, never messages. */

export type JwsFormatErrorCode = 'ERR_JWS_SEGMENTS' | 'ERR_JWS_BASE64URL' | 'ERR_JWS_JSON' | 'ERR_JWS_NOT_OBJECT';
export type JwsPart = 'header' | 'payload' | 'signature';

export class JwsFormatError extends Error {
  readonly code: JwsFormatErrorCode;
  readonly part: JwsPart | undefined;

  constructor(code: JwsFormatErrorCode, message: string, part?: JwsPart) {
    super(message);
    this.name = 'JwsFormatError';
    this.code = code;
    this.part = part;
  }
}

export type JwsAlgErrorCode = 'ERR_JWS_ALG_MISSING' | 'ERR_JWS_ALG_NONE' | 'ERR_JWS_ALG_SYMMETRIC' | 'ERR_JWS_ALG_UNSUPPORTED' | 'ERR_JWS_ALG_KEY_MISMATCH';

export class JwsAlgError extends Error {
  readonly code: JwsAlgErrorCode;

  constructor(code: JwsAlgErrorCode, message: string) {
    super(message);
    this.name = 'JwsAlgError';
    this.code = code;
  }
}

export type JwkErrorCode = 'ERR_JWK_INVALID' | 'ERR_JWK_PRIVATE' | 'ERR_JWK_SYMMETRIC' | 'ERR_JWK_UNSUPPORTED';

export class JwkError extends Error {
  readonly code: JwkErrorCode;

  constructor(code: JwkErrorCode, message: string) {
    super(message);
    this.name = 'JwkError';
    this.code = code;
  }
}

export type X5cErrorCode = 'ERR_X5C_EMPTY' | 'ERR_X5C_PARSE' | 'ERR_X5C_KEY_MISMATCH' | 'ERR_X5C_SELF_SIGNED' | 'ERR_X5C_CHAIN';

export class X5cError extends Error {
  readonly code: X5cErrorCode;

  constructor(code: X5cErrorCode, message: string) {
    super(message);
    this.name = 'X5cError';
    this.code = code;
  }
}

export class KeyStoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyStoreError';
  }
}
