import { isProtocolError, type ProtocolError } from '@issuer/protocol-errors';

/** The ProtocolError `run` throws; the test fails when it returns instead, or throws anything else. */
export function protocolErrorOf(run: () => unknown): ProtocolError {
  try {
    run();
  } catch (error) {
    if (isProtocolError(error)) return error;
    throw error;
  }
  throw new Error('expected a ProtocolError, but the call returned');
}

/** As `protocolErrorOf`, for a call that settles later. */
export async function protocolErrorOfAsync(run: () => Promise<unknown>): Promise<ProtocolError> {
  try {
    await run();
  } catch (error) {
    if (isProtocolError(error)) return error;
    throw error;
  }
  throw new Error('expected a ProtocolError, but the call resolved');
}
