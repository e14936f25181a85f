// OID4VCI 1.0 Section 4.1.1, registered in the IANA "OAuth URI" registry.
export const PRE_AUTHORIZED_CODE_GRANT_TYPE = 'urn:ietf:params:oauth:grant-type:pre-authorized_code';
// RFC 6749 Section 4.1
export const AUTHORIZATION_CODE_GRANT_TYPE = 'authorization_code';
// RFC 6749 Section 6
export const REFRESH_TOKEN_GRANT_TYPE = 'refresh_token';
