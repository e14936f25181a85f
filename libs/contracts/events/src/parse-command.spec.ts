import { describe, expect, it } from '@jest/globals';
import { createEnvelope } from './create-envelope.js';
import { parseCommand } from './parse-command.js';
import { commands } from './subjects.js';

describe('parseCommand', () => {
  const getClaims = createEnvelope({ type: commands.getCredentialClaims, version: 1, sessionId: 'ses-1', data: { sessionId: 'ses-1' } });

  it('returns the typed data of the expected command', () => {
    const data = parseCommand(commands.getCredentialClaims, getClaims);
    expect(data.sessionId).toBe('ses-1');
  });

  it('throws on another command', () => {
    expect(() => parseCommand(commands.registerPreAuthorizedCode, getClaims)).toThrow(
      'Expected a cmd.auth.register-pre-authorized-code command, got cmd.offer.get-credential-claims',
    );
  });

  it('throws on data that does not match the schema', () => {
    expect(() => parseCommand(commands.getCredentialClaims, { ...getClaims, data: { sessionId: '' } })).toThrow(/sessionId/);
  });
});
