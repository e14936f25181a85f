import { afterAll, describe, expect, it } from '@jest/globals';
import { openDatabase } from '@issuer/data-access-runtime';
import { startPlatform, type PlatformUnderTest, type StoppedPlatform } from './support/global-setup.js';
import { adminApiKey, baseUrl, createIssuance, preAuthorizedCodeOf, timelineWith, type ManagementApi } from './support/issuer-api.js';
import { replicable, startReplica, type Replica } from './support/replica.js';
import { TestWallet } from './support/wallet.js';

const GRANT = 'urn:ietf:params:oauth:grant-type:pre-authorized_code';
const PID = 'eu.europa.ec.eudi.pid_vc_sd_jwt';
const IN_FLIGHT = 16;
const port = () => Number(new URL(baseUrl()).port);

interface Answer {
  status: number | 'no answer';
  at: number;
}

/** A wallet with an access token and a key proof from `api`'s platform, about to send its credential request to `origin`. */
async function readyWallet(api: ManagementApi, origin: string) {
  const issuance = await createIssuance({}, api);
  const platformWallet = new TestWallet().at(api.baseUrl);
  const wallet = platformWallet.at(origin);
  const token = await platformWallet.token({ grant_type: GRANT, 'pre-authorized_code': preAuthorizedCodeOf(issuance) });
  expect(token.status).toBe(200);
  const accessToken = token.body['access_token'] as string;
  const proof = wallet.proof(await platformWallet.nonce());
  const send = (): Promise<Answer> =>
    wallet.credential(accessToken, { credential_configuration_id: PID, proofs: { jwt: [proof] } }).then(
      (result) => ({ status: result.status, at: Date.now() }),
      () => ({ status: 'no answer' as const, at: Date.now() }),
    );
  return { sessionId: issuance.session_id, send };
}

/** Sends every request, and SIGTERM once the first is answered: the others are in flight. */
async function terminateWhileInFlight<T>(requests: Array<() => Promise<Answer>>, terminate: () => Promise<T>) {
  const pending = requests.map((send) => send());
  await Promise.race(pending);
  const signalledAt = Date.now();
  const stopped = terminate();
  return { answers: await Promise.all(pending), signalledAt, stopped: await stopped };
}

function expectAllAnsweredAfterSignal(answers: Answer[], signalledAt: number): void {
  expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 200));
  expect(answers.filter((answer) => answer.at >= signalledAt).length).toBeGreaterThan(0);
}

// The process entry points own SIGTERM (exitOnSignals): the HTTP server answers what it accepted,
// the timeline is flushed, consumers and the outbox relay stop, then the process exits 0.
describe('graceful shutdown on SIGTERM', () => {
  let platform: PlatformUnderTest | undefined;
  let replica: Replica | undefined;

  afterAll(async () => {
    await replica?.stop();
    await platform?.stop();
  });

  if (replicable()) {
    it('a credential-service replica answers every credential request in flight, ships their timeline entries, and exits 0', async () => {
      replica = await startReplica('credential-service', port() + 71);
      const api = { baseUrl: baseUrl(), adminApiKey: adminApiKey() };
      const wallets = await Promise.all(Array.from({ length: IN_FLIGHT }, () => readyWallet(api, replica!.url)));

      const { answers, signalledAt, stopped } = await terminateWhileInFlight(wallets.map((wallet) => wallet.send), () => replica!.stop());

      expectAllAnsweredAfterSignal(answers, signalledAt);
      expect({ code: stopped.code, signal: stopped.signal, output: stopped.code === 0 ? '' : stopped.output }).toEqual({ code: 0, signal: null, output: '' });
      expect(stopped.output).toContain('credential-service stopped');
      for (const { sessionId } of wallets) await timelineWith(sessionId, (entry) => entry.message === 'Credential issued');
    }, 120_000);
  } else {
    it('the embedded platform answers every credential request in flight, stores their timeline entries, and exits 0', async () => {
      // The suite's public URL, so the wallets' proofs name the audience and htu this platform expects.
      platform = await startPlatform('embedded', port() + 70, { PUBLIC_URL: baseUrl(), LOG_LEVEL: 'info' });
      const api = { baseUrl: platform.baseUrl, adminApiKey: platform.adminApiKey };
      const wallets = await Promise.all(Array.from({ length: IN_FLIGHT }, () => readyWallet(api, platform!.baseUrl)));
      let stored: Array<{ sessionId: string }> = [];
      let logLines: string[] = [];
      const inspect = async (stoppedPlatform: StoppedPlatform) => {
        logLines = stoppedPlatform.logLines;
        const database = await openDatabase(stoppedPlatform.database);
        try {
          stored = await database.transaction((tx) => tx.query(`SELECT "sessionId" FROM session_log."TimelineEntry" WHERE message = 'Credential issued'`, []));
        } finally {
          await database.close();
        }
      };

      const stopping = platform;
      platform = undefined;
      const { answers, signalledAt, stopped } = await terminateWhileInFlight(wallets.map((wallet) => wallet.send), () => stopping.stop(inspect));

      expectAllAnsweredAfterSignal(answers, signalledAt);
      expect(stopped).toEqual({ code: 0, signal: null });
      expect(logLines.join('\n')).toContain('issuer platform stopped');
      expect(new Set(stored.map((row) => row.sessionId))).toEqual(new Set(wallets.map((wallet) => wallet.sessionId)));
    }, 120_000);
  }
});
