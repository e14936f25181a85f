import { timingSafeEqualString } from '@issuer/crypto';

export interface EndUser {
  /** The `sub` the session records. */
  subject: string;
  name: string;
}

/**
 * Who may log in at the authorization endpoint and which claims their credentials carry: the port an
 * operator replaces to authenticate End-Users at an external OpenID Provider.
 */
export interface UserDirectory {
  authenticate(username: string, password: string): EndUser | null;
  /** The claims of `credentialConfigurationId` for this End-User; undefined when they hold none. */
  claimsFor(user: EndUser, credentialConfigurationId: string): Record<string, unknown> | undefined;
  /** Shown on the login page of the playground: the built-in users and their passwords. */
  hints(): Array<{ username: string; password: string; name: string }>;
}

export const USER_DIRECTORY = Symbol('USER_DIRECTORY');

interface TestUser extends EndUser {
  password: string;
  credentials: Record<string, Record<string, unknown>>;
}

const erika: TestUser = {
  subject: 'erika',
  name: 'Erika Mustermann',
  password: 'erika',
  credentials: {
    'eu.europa.ec.eudi.pid_vc_sd_jwt': {
      family_name: 'Mustermann',
      given_name: 'Erika',
      birthdate: '1984-01-26',
      nationalities: ['DE'],
      address: { street_address: 'Heidestraße 17', locality: 'Köln', postal_code: '51147', country: 'DE' },
      age_over_18: true,
      issuing_authority: 'DE',
      issuing_country: 'DE',
    },
    'eu.europa.ec.eudi.pid_mso_mdoc': {
      'eu.europa.ec.eudi.pid.1': {
        family_name: 'Mustermann',
        given_name: 'Erika',
        birth_date: '1984-01-26',
        place_of_birth: { locality: 'Berlin' },
        nationality: ['DE'],
        expiry_date: '2036-01-01',
        issuing_authority: 'DE',
        issuing_country: 'DE',
        age_over_18: true,
      },
    },
    'eu.europa.ec.av.1': { 'eu.europa.ec.av.1': { age_over_18: true, age_over_21: true } },
  },
};

const max: TestUser = {
  subject: 'max',
  name: 'Max Mustermann (under 18)',
  password: 'max',
  credentials: {
    'eu.europa.ec.av.1': { 'eu.europa.ec.av.1': { age_over_18: false, age_over_16: true } },
  },
};

/** The playground's built-in End-Users. */
export class TestUserDirectory implements UserDirectory {
  private readonly users = new Map([erika, max].map((user) => [user.subject, user]));

  authenticate(username: string, password: string): EndUser | null {
    const user = this.users.get(username);
    if (!user || !timingSafeEqualString(password, user.password)) return null;
    return { subject: user.subject, name: user.name };
  }

  claimsFor(user: EndUser, credentialConfigurationId: string): Record<string, unknown> | undefined {
    return this.users.get(user.subject)?.credentials[credentialConfigurationId];
  }

  hints() {
    return [...this.users.values()].map((user) => ({ username: user.subject, password: user.password, name: user.name }));
  }
}
