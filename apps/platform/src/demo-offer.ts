import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import QRCode from 'qrcode';

export const demoPid = {
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

/** A ready PID offer at start, so a new user can scan something right away. */
export async function createDemoOffer(app: NestFastifyApplication, adminApiKey: string): Promise<{ offerUrl: string; sessionId: string; qr: string }> {
  const response = await app.inject({
    method: 'POST',
    url: '/admin/v1/issuances',
    headers: { authorization: `Bearer ${adminApiKey}`, 'content-type': 'application/json' },
    payload: JSON.stringify({ credentials: [{ credential_configuration_id: 'eu.europa.ec.eudi.pid_vc_sd_jwt', claims: demoPid }] }),
  });
  if (response.statusCode !== 201) throw new Error(`demo offer failed: ${response.statusCode} ${response.body}`);
  const issuance = response.json() as { offer_url: string; session_id: string };
  const qr = await QRCode.toString(issuance.offer_url, { type: 'terminal', small: true });
  return { offerUrl: issuance.offer_url, sessionId: issuance.session_id, qr };
}
