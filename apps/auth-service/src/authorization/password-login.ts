import { timingSafeEqualString } from '@issuer/crypto';
import type { RequestTimeline } from '@issuer/nest';
import type { EndUser, EndUserLogin, LoginForm, LoginStart } from './end-user-login.js';

interface TestUser {
  subject: string;
  name: string;
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

/** The playground's built-in End-Users, who log in with a user name and password on the login page. */
export class PasswordLogin implements EndUserLogin {
  private readonly users = new Map([erika, max].map((user) => [user.subject, user]));

  start(): Promise<LoginStart> {
    return Promise.resolve({ form: this.form() });
  }

  returned(): null {
    return null;
  }

  authenticate(form: Record<string, string>, _pending: unknown, timeline: RequestTimeline): { user: EndUser } | { retry: string; form: LoginForm } {
    const user = this.users.get(form['username'] ?? '');
    if (!user || !timingSafeEqualString(form['password'] ?? '', user.password)) {
      timeline.warn('Login failed', { username: form['username'] ?? null });
      return { retry: 'Wrong user name or password.', form: this.form() };
    }
    return { user: { subject: user.subject, name: user.name, claims: user.credentials } };
  }

  retryForm(): LoginForm {
    return this.form();
  }

  private form(): LoginForm {
    return { kind: 'password', users: [...this.users.values()].map((user) => ({ username: user.subject, password: user.password, name: user.name })) };
  }
}
