import { createPrivateKey, createPublicKey, generateKeyPair, X509Certificate, type KeyObject } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { checkX5cChain } from './check-x5c-chain.js';
import { createDocumentSignerCertificate } from './create-document-signer-certificate.js';
import { createDevelopmentIacaCertificate } from './create-issuer-certificates.js';
import { KeyStoreError } from './crypto-errors.js';
import { documentSignerFits } from './document-signer-fits.js';
import { createEncryptionKey, type EncryptionKey } from './encryption-key.js';
import { credentialIssuerHost } from './issuer-subject-alt-names.js';
import type { KeyStore } from './key-store.js';
import type { JWK } from './jwk.js';
import { readOrCreateFile, replaceFile, replaceStaleFile } from './shared-files.js';
import { createSigningKey, KEY_PURPOSES, type KeyPurpose, type SigningKey } from './signing-key.js';

const generateEcKeyPair = promisify(generateKeyPair);

const IACA_KEY_FILE = 'iaca.key.pem';
const ENCRYPTION_KEY_FILE = 'credential_request_encryption.pem';
const IACA_FILE = 'iaca.pem';
/** The certificate file of each key that carries an `x5c`. */
const CERTIFICATE_FILES: Partial<Record<KeyPurpose, string>> = { credential: 'credential.x5c.pem', metadata: 'metadata.x5c.pem' };

export interface FileKeyStoreOptions {
  /**
   * The Credential Issuer Identifier. When set, the credential key carries an `x5c`: a Document
   * Signer certificate naming this URL, issued by a development IACA kept in the same directory.
   */
  issuerUrl?: string;
}

interface Iaca {
  pem: string;
  certificate: X509Certificate;
  privateKey: KeyObject;
}

/**
 * One ES256 key per purpose in `<dir>/<purpose>.pem` (PKCS8, mode 0600), generated at first use.
 * With an issuer URL, also a development IACA (`iaca.key.pem`, `iaca.pem`) and the Document Signer
 * certificates of the credential and metadata keys (`credential.x5c.pem`, `metadata.x5c.pem`), each re-issued from the same IACA when it
 * no longer holds the key, no longer names the issuer URL, or has expired.
 * Every file is created as a hard link of a fully written temporary file, which succeeds for
 * exactly one of the processes sharing the directory; the others read the winner's file. A
 * re-issued certificate is agreed on the same way before it replaces the old one.
 */
export class FileKeyStore implements KeyStore {
  readonly #dir: string;
  readonly #issuerUrl: string | undefined;
  readonly #keys = new Map<KeyPurpose, Promise<SigningKey>>();
  #iaca: Promise<Iaca> | undefined;
  #encryptionKey: Promise<EncryptionKey> | undefined;

  constructor(dir: string, options: FileKeyStoreOptions = {}) {
    if (options.issuerUrl !== undefined) {
      try {
        credentialIssuerHost(options.issuerUrl);
      } catch (error) {
        throw new KeyStoreError((error as Error).message);
      }
    }
    this.#dir = dir;
    this.#issuerUrl = options.issuerUrl;
  }

  signingKey(purpose: KeyPurpose): Promise<SigningKey> {
    if (!KEY_PURPOSES.includes(purpose)) return Promise.reject(new KeyStoreError(`unknown key purpose ${JSON.stringify(purpose)}`));
    let key = this.#keys.get(purpose);
    if (key === undefined) {
      key = this.#load(purpose);
      this.#keys.set(purpose, key);
      key.catch(() => this.#keys.delete(purpose));
    }
    return key;
  }

  async publicJwks(): Promise<{ keys: JWK[] }> {
    const keys = await Promise.all(KEY_PURPOSES.map((purpose) => this.signingKey(purpose)));
    return { keys: keys.map((key) => key.publicJwk) };
  }

  /** `credential_request_encryption.pem`, generated at first use like the signing keys. */
  encryptionKey(): Promise<EncryptionKey> {
    this.#encryptionKey ??= this.#readOrCreatePrivateKey(ENCRYPTION_KEY_FILE).then(createEncryptionKey);
    return this.#encryptionKey;
  }

  /** The IACA certificate (PEM) that issues the credential key's certificate; none without an issuer URL. */
  async trustAnchors(): Promise<string[]> {
    if (this.#issuerUrl === undefined) return [];
    return [(await this.#loadIaca(this.#issuerUrl)).pem];
  }

  async #load(purpose: KeyPurpose): Promise<SigningKey> {
    const privateKey = await this.#readOrCreatePrivateKey(`${purpose}.pem`);
    const certificateFile = CERTIFICATE_FILES[purpose];
    const x5c = certificateFile !== undefined && this.#issuerUrl !== undefined ? await this.#documentSignerX5c(privateKey, this.#issuerUrl, certificateFile) : undefined;
    return createSigningKey({ privateKey, alg: 'ES256', x5c });
  }

  #loadIaca(issuerUrl: string): Promise<Iaca> {
    if (this.#iaca === undefined) {
      const iaca = this.#readOrCreateIaca(issuerUrl);
      this.#iaca = iaca;
      iaca.catch(() => {
        if (this.#iaca === iaca) this.#iaca = undefined;
      });
    }
    return this.#iaca;
  }

  async #readOrCreateIaca(issuerUrl: string): Promise<Iaca> {
    const privateKey = await this.#readOrCreatePrivateKey(IACA_KEY_FILE);
    const pem = await readOrCreateFile(join(this.#dir, IACA_FILE), async () => (await createDevelopmentIacaCertificate(privateKey, issuerUrl)).pem, 0o644);
    const certificate = parseCertificate(pem);
    if (certificate === null) throw new KeyStoreError(`${IACA_FILE} is not a PEM certificate`);
    if (!certificate.publicKey.equals(createPublicKey(privateKey))) {
      throw new KeyStoreError(`${IACA_FILE} does not certify the key in ${IACA_KEY_FILE}; remove both to create a new root (and trust anchor)`);
    }
    if (certificate.validToDate.getTime() <= Date.now()) {
      throw new KeyStoreError(`${IACA_FILE} expired ${certificate.validToDate.toISOString()}; remove ${IACA_FILE} and ${IACA_KEY_FILE} to create a new root (and trust anchor)`);
    }
    return { pem: certificate.toString(), certificate, privateKey };
  }

  /**
   * HAIP 1.0 Sections 4.1 and 6.1: `x5c` holds the key's certificate, leaf first, without the trust
   * anchor. The credential key and the metadata key each get one of the Document Signer profile, whose
   * SAN names the Credential Issuer Identifier that SD-JWT VCs and signed metadata are bound to.
   */
  async #documentSignerX5c(privateKey: KeyObject, issuerUrl: string, certificateFile: string): Promise<string[]> {
    const iaca = await this.#loadIaca(issuerUrl);
    const file = join(this.#dir, certificateFile);
    const serving = (pem: string): X509Certificate | null => {
      const certificate = parseCertificate(pem);
      return certificate !== null && documentSignerFits(certificate, { iaca: iaca.certificate, publicKey: privateKey, issuerUrl }) ? certificate : null;
    };
    const issue = async (): Promise<string> =>
      (await createDocumentSignerCertificate({ iaca: { certificate: iaca.pem, privateKey: iaca.privateKey }, publicKey: privateKey, issuerUrl })).pem;
    const current = await readOrCreateFile(file, issue, 0o644);
    let certificate = serving(current) ?? serving(await replaceStaleFile(file, current, issue, 0o644));
    if (certificate === null) {
      // The successor was issued by a process configured with another issuer URL.
      const own = await issue();
      await replaceFile(file, own, 0o644);
      certificate = new X509Certificate(own);
    }
    const x5c = [certificate.raw.toString('base64')];
    checkX5cChain(x5c, createPublicKey(privateKey));
    return x5c;
  }

  async #readOrCreatePrivateKey(name: string): Promise<KeyObject> {
    const pem = await readOrCreateFile(join(this.#dir, name), generatePrivateKeyPem, 0o600);
    try {
      return createPrivateKey(pem);
    } catch {
      throw new KeyStoreError(`${name} is not a readable private key PEM`);
    }
  }
}

async function generatePrivateKeyPem(): Promise<string> {
  const { privateKey } = await generateEcKeyPair('ec', { namedCurve: 'P-256' });
  return privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
}

/** The first certificate of a PEM file, or null when there is none. */
function parseCertificate(pem: string): X509Certificate | null {
  try {
    return new X509Certificate(pem);
  } catch {
    return null;
  }
}
