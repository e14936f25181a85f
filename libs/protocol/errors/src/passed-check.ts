/**
 * A check a wallet's artefact passed, shown on the timeline next to the value it was held against
 * (a failed check is a ProtocolError, whose reason says the same of the value that failed).
 */
export interface PassedCheck {
  check: string;
  verdict: 'pass';
  /** What was expected and what was found, e.g. `expected https://issuer.example/credential, got https://issuer.example/credential`. */
  detail: string;
  spec_ref: string;
}

export function passed(check: string, detail: string, specRef: string): PassedCheck {
  return { check, verdict: 'pass', detail, spec_ref: specRef };
}
