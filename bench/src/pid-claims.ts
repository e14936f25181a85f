/** The PID the bench issues unless `--claims` names a file: every claim of the EUDI PID configuration. */
export const pidClaims: Record<string, unknown> = {
  family_name: 'Mustermann',
  given_name: 'Erika',
  birthdate: '1984-01-26',
  nationalities: ['DE'],
  address: { street_address: 'Heidestraße 17', locality: 'Köln', postal_code: '51147', country: 'DE' },
  place_of_birth: { locality: 'Berlin', country: 'DE' },
  age_over_18: true,
  issuing_authority: 'DE',
  issuing_country: 'DE',
};
