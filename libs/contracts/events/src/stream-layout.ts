/** The durable stream of issuance events and the stream that keeps what its consumers dead-lettered. */
export const issuanceStream = {
  name: 'ISSUANCE',
  subjects: ['issuance.>'],
  duplicateWindowMs: 2 * 60_000,
  storage: 'file',
} as const;

export const deadLetterSubjectPrefix = 'dlq.';

export interface StreamLayoutOptions {
  /** Defaults to `ISSUANCE`; tests and parallel e2e runs pick their own. */
  streamName?: string;
  /** Prepended to every subject (e.g. `e2e-42.`), so runs sharing one NATS server do not collide. */
  subjectPrefix?: string;
}

export interface StreamLayout {
  events: { name: string; subjects: string[]; duplicateWindowMs: number; storage: 'file' };
  deadLetters: { name: string; subjects: string[]; storage: 'file' };
  /** The wire subject of an event or command subject. */
  wireSubject(subject: string): string;
  /** The wire subject a message of `subject` is dead-lettered to: `dlq.<subject>` under the prefix. */
  deadLetterSubject(subject: string): string;
  /** The logical subject of a wire subject, or undefined when it is outside this layout. */
  logicalSubject(wireSubject: string): string | undefined;
}

export function streamLayout(options: StreamLayoutOptions = {}): StreamLayout {
  const name = options.streamName ?? issuanceStream.name;
  const prefix = options.subjectPrefix ?? '';
  const wireSubject = (subject: string) => `${prefix}${subject}`;
  return {
    events: {
      name,
      subjects: issuanceStream.subjects.map(wireSubject),
      duplicateWindowMs: issuanceStream.duplicateWindowMs,
      storage: issuanceStream.storage,
    },
    deadLetters: {
      name: `${name}_DLQ`,
      subjects: issuanceStream.subjects.map((subject) => wireSubject(`${deadLetterSubjectPrefix}${subject}`)),
      storage: issuanceStream.storage,
    },
    wireSubject,
    deadLetterSubject: (subject) => wireSubject(`${deadLetterSubjectPrefix}${subject}`),
    logicalSubject: (wire) => (wire.startsWith(prefix) ? wire.slice(prefix.length) : undefined),
  };
}
