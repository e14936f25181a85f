import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface ThrowawayDatabase {
  /** Connection URL of the new, empty database. */
  url: string;
  /** Drops the database, disconnecting whoever is still connected. */
  drop(): Promise<void>;
}

/**
 * The PostgreSQL server tests run against (`TEST_POSTGRES_URL`, else the local server). It runs
 * wherever the tests run (.ci/run starts it): an unreachable server fails them.
 */
export function postgresTestServerUrl(): string {
  return process.env['TEST_POSTGRES_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
}

/** Creates `issuer_test_<random>` on the server of `serverUrl`, for one test run. */
export async function createThrowawayDatabase(serverUrl: string): Promise<ThrowawayDatabase> {
  const name = `issuer_test_${randomBytes(6).toString('hex')}`;
  await onServer(serverUrl, `CREATE DATABASE "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.href,
    drop: () => onServer(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

async function onServer(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch (error) {
    const { host, port } = new URL(serverUrl);
    throw new Error(`PostgreSQL at ${host}${port ? '' : ':5432'} is not reachable; start it.`, { cause: error });
  }
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
