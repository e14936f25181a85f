/** A JPEG header standing in for the holder's portrait. */
export const MDL_PORTRAIT = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]);

/** The mandatory data elements of an mDL (ISO/IEC 18013-5 Table 5) for a test licence of `issuingCountry`. */
export function mdlElements(issuingCountry = 'DE') {
  return {
    family_name: 'Doe',
    given_name: 'Jane',
    birth_date: '1990-01-01',
    issue_date: '2026-01-01',
    expiry_date: '2036-01-01',
    issuing_country: issuingCountry,
    issuing_authority: 'Kraftfahrt-Bundesamt',
    document_number: 'B072RRE2I55',
    portrait: MDL_PORTRAIT.toString('base64url'),
    driving_privileges: [{ vehicle_category_code: 'B', issue_date: '2008-04-01', expiry_date: '2036-01-01' }],
    un_distinguishing_sign: 'D',
  };
}

/** The data elements of a PID mdoc (namespace eu.europa.ec.eudi.pid.1) the built-in configuration requires, and two more. */
export function pidMdocElements() {
  return {
    family_name: 'Mustermann',
    given_name: 'Erika',
    birth_date: '1964-08-12',
    place_of_birth: { locality: 'Berlin', country: 'DE' },
    nationality: ['DE'],
    expiry_date: '2031-08-31',
    issuing_authority: 'DE',
    issuing_country: 'DE',
    age_over_18: true,
  };
}
